import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
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

/** Queries over activity_log. Rows are only ever inserted; the table refuses anything else. */
@Injectable()
export class ActivityLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Takes the append lock for the rest of the manager's transaction. */
  async lockAppends(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(${APPEND_LOCK_KEY})`);
  }

  /** The chain's head: the last row's position and hash (0 and the genesis hash when empty). */
  async head(manager: EntityManager): Promise<{ seq: number; hash: string }> {
    const rows = await manager.query<Array<{ seq: string; hash: string }>>(`SELECT seq, hash FROM activity_log ORDER BY seq DESC LIMIT 1`);
    const last = rows[0];
    return last ? { seq: Number(last.seq), hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
  }

  async insert(manager: EntityManager, row: AuditRecord): Promise<void> {
    await manager.query(
      `INSERT INTO activity_log (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
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
      ],
    );
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
    const rows = await this.dataSource.query<RawActivityLogRow[]>(
      `SELECT ${COLUMNS} FROM activity_log ${where} ORDER BY seq ${order} LIMIT ${Number(filter.limit)} OFFSET ${Number(filter.offset)}`,
      params,
    );
    const [{ total }] = await this.dataSource.query<Array<{ total: number }>>(`SELECT count(*)::int AS total FROM activity_log ${where}`, params);
    return { rows: rows.map(toRecord), total };
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
