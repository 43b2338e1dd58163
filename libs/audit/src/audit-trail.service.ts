import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ActivityLogRepository } from './activity-log.repository';
import { chainHash } from './audit-chain';
import type { AuditEntry, AuditRecord } from './audit-entry';
import { assertNoPersonalData } from './audit-properties.guard';

/**
 * Appends compliance events to the hash-chained activity log. Pass the caller's transaction
 * manager to make the row part of the action's own commit (it then holds the append lock until
 * that commit); without one the row is written in a transaction of its own.
 */
@Injectable()
export class AuditTrail {
  constructor(
    private readonly dataSource: DataSource,
    private readonly log: ActivityLogRepository,
  ) {}

  async record(entry: AuditEntry, manager?: EntityManager): Promise<AuditRecord> {
    const properties = entry.properties ?? {};
    assertNoPersonalData(properties);
    if (manager) return this.append(manager, entry);
    return this.dataSource.transaction((own) => this.append(own, entry));
  }

  private async append(manager: EntityManager, entry: AuditEntry): Promise<AuditRecord> {
    await this.log.lockAppends(manager);
    const head = await this.log.head(manager);
    const content = {
      seq: head.seq + 1,
      event: entry.event,
      actorUserId: entry.actor.userId,
      impersonatorId: entry.actor.impersonatorId ?? null,
      subjectType: entry.subject.type,
      subjectId: entry.subject.id,
      properties: { ...(entry.properties ?? {}) },
      // Taken under the lock, so time never goes backwards along the chain on one clock.
      occurredAt: new Date(),
    };
    const record: AuditRecord = { ...content, previousHash: head.hash, hash: chainHash(content, head.hash) };
    await this.log.insert(manager, record);
    return record;
  }
}
