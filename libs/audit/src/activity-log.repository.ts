import { Injectable } from '@nestjs/common';
import type { QueryResult } from 'pg';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import type { AuditRecord } from './audit-entry';
import { GENESIS_HASH } from './audit-chain';

/**
 * Serializes appends across every writer of the database (replicas included), so two inserts can
 * never take the same predecessor and fork the chain. Transaction-scoped, hence safe behind a
 * transaction pooler. The value is arbitrary but must never change.
 */
const APPEND_LOCK_KEY = '7204531001';

export interface ActivityLogFilter {
  actorUserId?: string;
  subjectType?: string;
  subjectId?: string;
  event?: string;
  from?: Date;
  to?: Date;
  direction: 'ASC' | 'DESC';
  offset: number;
  limit: number;
}

const COLUMNS = `seq, event, actor_user_id, impersonator_id, subject_type, subject_id, properties, occurred_at, previous_hash, hash`;
const HEAD_SQL = `SELECT seq, hash FROM activity_log ORDER BY seq DESC LIMIT 1`;

/** The chain's last position and hash: what the next row follows. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** Queries over activity_log. Rows are only ever inserted; the table refuses anything else. */
@Injectable()
export class ActivityLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Takes the append lock for the rest of the manager's transaction. */
  async lockAppends(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(${APPEND_LOCK_KEY})`);
  }

  /** The chain's head: the last row's position and hash (0 and the genesis hash when empty). */
  async head(manager: EntityManager): Promise<ChainHead> {
    return headOf(await manager.query<RawHeadRow[]>(HEAD_SQL));
  }

  /**
   * Opens a READ COMMITTED transaction on the runner's connection, takes the append lock and reads
   * the head, in one round trip. The simple query protocol runs the statements in order, each with
   * a snapshot of its own, so the head is read only once the lock is granted. The caller commits
   * or rolls back on the same runner.
   */
  async beginAppends(runner: QueryRunner): Promise<ChainHead> {
    // TypeORM drops the results of a multi-statement query, so this one goes to the pg client.
    const client = (await runner.connect()) as { query(text: string): Promise<QueryResult[]> };
    const results = await client.query(`BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(${APPEND_LOCK_KEY}); ${HEAD_SQL}`);
    return headOf(results[2].rows as RawHeadRow[]);
  }

  /** Inserts rows in one statement (a group commit writes its whole group at once). */
  async insert(manager: EntityManager, rows: readonly AuditRecord[]): Promise<void> {
    const params: unknown[] = [];
    const tuples = rows.map((row) => {
      const values = [
        row.seq,
        row.event,
        row.actorUserId,
        row.impersonatorId,
        row.subjectType,
        row.subjectId,
        JSON.stringify(row.properties),
        row.occurredAt.toISOString(),
        row.previousHash,
        row.hash,
      ];
      const placeholders = values.map((value) => `$${params.push(value)}`);
      return `(${placeholders.join(', ')})`;
    });
    await manager.query(`INSERT INTO activity_log (${COLUMNS}) VALUES ${tuples.join(', ')}`, params);
  }

  async list(filter: ActivityLogFilter): Promise<{ rows: AuditRecord[]; total: number }> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.actorUserId !== undefined) add('actor_user_id = ?', filter.actorUserId);
    if (filter.subjectType !== undefined) add('subject_type = ?', filter.subjectType);
    if (filter.subjectId !== undefined) add('subject_id = ?', filter.subjectId);
    if (filter.event !== undefined) add('event = ?', filter.event);
    if (filter.from !== undefined) add('occurred_at >= ?', filter.from.toISOString());
    if (filter.to !== undefined) add('occurred_at < ?', filter.to.toISOString());
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    // seq follows occurred_at (both are taken under the append lock) and is the unique tie-breaker.
    const order = filter.direction === 'ASC' ? 'ASC' : 'DESC';
    // Without a filter the total is the head's seq: positions run 1..head with none missing (appends
    // are serialized under the append lock, so they commit in seq order, and the table refuses
    // DELETE; a gap made around the triggers is what verifyAuditChain reports as row_missing), so
    // it is the exact row count, read from the primary key instead of a scan growing with the log.
    const total = where === '' ? `SELECT coalesce(max(seq), 0) AS total FROM activity_log` : `SELECT count(*) AS total FROM activity_log ${where}`;
    // One statement, so the page and its total come from one snapshot in one round trip; the outer
    // row survives an empty page (its columns are then null) to carry the total.
    const result = await this.dataSource.query<Array<{ total: string } & NullableRow<RawActivityLogRow>>>(
      `SELECT counted.total, page.*
         FROM (${total}) counted
         LEFT JOIN LATERAL (
           SELECT ${COLUMNS} FROM activity_log ${where} ORDER BY seq ${order} LIMIT ${Number(filter.limit)} OFFSET ${Number(filter.offset)}
         ) page ON true
        ORDER BY page.seq ${order}`,
      params,
    );
    const rows = result.filter((row): row is { total: string } & RawActivityLogRow => row.seq !== null);
    return { rows: rows.map(toRecord), total: Number(result[0].total) };
  }

  /** Up to `limit` rows after position `afterSeq`, in chain order (for verification). */
  async batchAfter(afterSeq: number, limit: number): Promise<AuditRecord[]> {
    const rows = await this.dataSource.query<RawActivityLogRow[]>(
      `SELECT ${COLUMNS} FROM activity_log WHERE seq > $1 ORDER BY seq ASC LIMIT $2`,
      [afterSeq, limit],
    );
    return rows.map(toRecord);
  }
}

interface RawHeadRow {
  seq: string;
  hash: string;
}

function headOf(rows: RawHeadRow[]): ChainHead {
  const last = rows[0];
  return last ? { seq: Number(last.seq), hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
}

type NullableRow<T> = { [K in keyof T]: T[K] | null };

interface RawActivityLogRow {
  seq: string;
  event: string;
  actor_user_id: string;
  impersonator_id: string | null;
  subject_type: string;
  subject_id: string;
  properties: Record<string, unknown>;
  occurred_at: Date;
  previous_hash: string;
  hash: string;
}

function toRecord(row: RawActivityLogRow): AuditRecord {
  return {
    seq: Number(row.seq),
    event: row.event,
    actorUserId: row.actor_user_id,
    impersonatorId: row.impersonator_id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    properties: row.properties,
    occurredAt: new Date(row.occurred_at),
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}
