import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CircuitFields } from './webhook-circuit';

export interface WebhookSubscriptionRecord extends CircuitFields {
  id: string;
  targetUrl: string;
  events: string[];
  /** The sealed envelope, never the secret. */
  secret: string;
  active: boolean;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewWebhookSubscription {
  id: string;
  targetUrl: string;
  events: string[];
  secret: string;
  active: boolean;
  createdBy: string;
}

export interface WebhookSubscriptionChanges {
  targetUrl?: string;
  events?: string[];
  active?: boolean;
}

export type WebhookSortField = 'created_at' | 'updated_at';

const COLUMNS = `id, target_url, events, secret, active, created_by, consecutive_failures, circuit_opened_at, created_at, updated_at`;

/**
 * Queries of webhook subscriptions and their circuit columns. Writes that return rows wrap the
 * statement in a CTE: TypeORM answers a bare UPDATE/DELETE with `[rows, count]`, not the rows.
 */
@Injectable()
export class WebhookSubscriptionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, row: NewWebhookSubscription): Promise<WebhookSubscriptionRecord> {
    const rows = await manager.query<RawSubscription[]>(
      `INSERT INTO webhook_subscriptions (id, target_url, events, secret, active, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [row.id, row.targetUrl, row.events, row.secret, row.active, row.createdBy],
    );
    return toRecord(rows[0] as RawSubscription);
  }

  async find(id: string, manager: EntityManager = this.dataSource.manager): Promise<WebhookSubscriptionRecord | undefined> {
    const rows = await manager.query<RawSubscription[]>(`SELECT ${COLUMNS} FROM webhook_subscriptions WHERE id = $1`, [id]);
    return rows.map(toRecord)[0];
  }

  /** `field` is one of the whitelisted sort fields, never client text. */
  async page(field: WebhookSortField, direction: 'ASC' | 'DESC', offset: number, limit: number): Promise<{ rows: WebhookSubscriptionRecord[]; total: number }> {
    const column = field === 'updated_at' ? 'updated_at' : 'created_at';
    const order = direction === 'ASC' ? 'ASC' : 'DESC';
    const rows = await this.dataSource.query<RawSubscription[]>(
      `SELECT ${COLUMNS} FROM webhook_subscriptions ORDER BY ${column} ${order}, id ${order} LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    const [{ total }] = await this.dataSource.query<Array<{ total: number }>>(`SELECT count(*)::int AS total FROM webhook_subscriptions`);
    return { rows: rows.map(toRecord), total };
  }

  async update(manager: EntityManager, id: string, changes: WebhookSubscriptionChanges): Promise<WebhookSubscriptionRecord | undefined> {
    const rows = await manager.query<RawSubscription[]>(
      `WITH updated AS (
         UPDATE webhook_subscriptions SET target_url = COALESCE($2, target_url), events = COALESCE($3, events), active = COALESCE($4, active), updated_at = now()
         WHERE id = $1 RETURNING ${COLUMNS}
       ) SELECT * FROM updated`,
      [id, changes.targetUrl ?? null, changes.events ?? null, changes.active ?? null],
    );
    return rows.map(toRecord)[0];
  }

  /** Deletes the subscription with its deliveries and their log; returns whether it existed. */
  async delete(manager: EntityManager, id: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`WITH deleted AS (DELETE FROM webhook_subscriptions WHERE id = $1 RETURNING id) SELECT * FROM deleted`, [id]);
    return rows.length > 0;
  }

  /** A success closes the circuit. */
  async recordSuccess(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE webhook_subscriptions SET consecutive_failures = 0, circuit_opened_at = NULL WHERE id = $1`, [id]);
  }

  /**
   * One more failure in a row, atomically; reaching the threshold (or failing a half-open trial)
   * (re)opens the circuit at `now`. Returns the new circuit fields.
   */
  async recordFailure(id: string, threshold: number, now: Date): Promise<CircuitFields | undefined> {
    const rows = await this.dataSource.query<Array<Pick<RawSubscription, 'consecutive_failures' | 'circuit_opened_at'>>>(
      `WITH failed AS (
         UPDATE webhook_subscriptions
         SET consecutive_failures = consecutive_failures + 1,
             circuit_opened_at = CASE WHEN consecutive_failures + 1 >= $2 THEN $3::timestamptz ELSE circuit_opened_at END
         WHERE id = $1 RETURNING consecutive_failures, circuit_opened_at
       ) SELECT * FROM failed`,
      [id, threshold, now],
    );
    return rows.map((row) => ({ consecutiveFailures: row.consecutive_failures, circuitOpenedAt: row.circuit_opened_at }))[0];
  }

  /**
   * Claims the one trial of a half-open circuit: re-arms the cool-down only if nobody else did
   * since `seenOpenedAt`, so across replicas exactly one delivery goes through per cool-down.
   */
  async claimTrial(id: string, seenOpenedAt: Date, now: Date): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `WITH claimed AS (UPDATE webhook_subscriptions SET circuit_opened_at = $3 WHERE id = $1 AND circuit_opened_at = $2 RETURNING id) SELECT * FROM claimed`,
      [id, seenOpenedAt, now],
    );
    return rows.length > 0;
  }
}

interface RawSubscription {
  id: string;
  target_url: string;
  events: string[];
  secret: string;
  active: boolean;
  created_by: string;
  consecutive_failures: number;
  circuit_opened_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

function toRecord(row: RawSubscription): WebhookSubscriptionRecord {
  return {
    id: row.id,
    targetUrl: row.target_url,
    events: row.events,
    secret: row.secret,
    active: row.active,
    createdBy: row.created_by,
    consecutiveFailures: row.consecutive_failures,
    circuitOpenedAt: row.circuit_opened_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
