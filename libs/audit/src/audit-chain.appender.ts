import type { DataSource, EntityManager } from 'typeorm';
import { ActivityLogRepository, type ChainHead } from './activity-log.repository';
import { chainHash } from './audit-chain';
import type { AuditEntry, AuditRecord } from './audit-entry';

/**
 * Appends entries to the chain in the given order, under the append lock (held until the
 * transaction ends), after one head read, in one INSERT, each row hashed over its predecessor.
 */
export class AuditChainAppender {
  constructor(
    private readonly dataSource: DataSource,
    private readonly log: ActivityLogRepository,
  ) {}

  /** Inside the caller's transaction: the rows commit (and the lock is released) with it. */
  async appendWithin(manager: EntityManager, entries: readonly AuditEntry[]): Promise<AuditRecord[]> {
    await this.log.lockAppends(manager);
    const records = chained(await this.log.head(manager), entries);
    await this.log.insert(manager, records);
    return records;
  }

  /**
   * In a transaction of its own, in three round trips (begin with lock and head read, INSERT,
   * COMMIT): the lock is held for as short a time as the chain allows. Resolves after the commit.
   */
  async appendAlone(entries: readonly AuditEntry[]): Promise<AuditRecord[]> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const records = chained(await this.log.beginAppends(runner), entries);
      await this.log.insert(runner.manager, records);
      await runner.query('COMMIT');
      return records;
    } catch (error) {
      // The transaction's own error is the one callers get; a failed ROLLBACK adds nothing to it.
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }
}

function chained(head: ChainHead, entries: readonly AuditEntry[]): AuditRecord[] {
  let previous = head;
  // Taken under the lock, so time never goes backwards along the chain on one clock.
  const now = Date.now();
  return entries.map((entry): AuditRecord => {
    const content = {
      seq: previous.seq + 1,
      event: entry.event,
      actorUserId: entry.actor.userId,
      impersonatorId: entry.actor.impersonatorId ?? null,
      subjectType: entry.subject.type,
      subjectId: entry.subject.id,
      properties: { ...(entry.properties ?? {}) },
      occurredAt: new Date(now),
    };
    const record: AuditRecord = { ...content, previousHash: previous.hash, hash: chainHash(content, previous.hash) };
    previous = record;
    return record;
  });
}
