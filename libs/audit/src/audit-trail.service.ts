import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ActivityLogRepository } from './activity-log.repository';
import { AuditChainAppender } from './audit-chain.appender';
import type { AuditEntry, AuditRecord } from './audit-entry';
import { assertStorable } from './audit-entry-storable.guard';
import { AuditGroupCommit } from './audit-group-commit';
import { assertNoPersonalData } from './audit-properties.guard';

/**
 * Appends compliance events to the hash-chained activity log. Pass the caller's transaction
 * manager to make the row part of the action's own commit (it then holds the append lock until
 * that commit); without one the row is group-committed with the other appends of this process that
 * arrive meanwhile, in a transaction of their own. Either way the returned promise settles only
 * once the row is committed (or its transaction failed).
 */
@Injectable()
export class AuditTrail {
  private readonly appender: AuditChainAppender;
  private readonly groups: AuditGroupCommit;

  constructor(dataSource: DataSource, log: ActivityLogRepository) {
    this.appender = new AuditChainAppender(dataSource, log);
    this.groups = new AuditGroupCommit((entries) => this.appender.appendAlone(entries));
  }

  async record(entry: AuditEntry, manager?: EntityManager): Promise<AuditRecord> {
    assertNoPersonalData(entry.properties ?? {});
    assertStorable(entry);
    if (!manager) return this.groups.append(entry);
    const [record] = await this.appender.appendWithin(manager, [entry]);
    return record;
  }
}
