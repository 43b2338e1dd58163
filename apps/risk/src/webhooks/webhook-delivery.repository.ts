import { Injectable } from '@nestjs/common';
import type { WebhookDeliveryStatus } from '@sentinel/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { WebhookEvent } from './webhook-events';
import type { WebhookSubscriptionRecord } from './webhook-subscription.repository';

/** A delivery with what the consumer needs to make the call. */
export interface DeliveryWork {
  id: string;
  eventId: string;
  eventType: string;
  occurredAt: Date;
  payload: Record<string, unknown>;
  status: WebhookDeliveryStatus;
  subscription: Pick<WebhookSubscriptionRecord, 'id' | 'targetUrl' | 'secret' | 'active' | 'consecutiveFailures' | 'circuitOpenedAt'>;
}

export interface DeliveryAttempt {
  deliveryId: string;
  subscriptionId: string;
  attempt: number;
  outcome: string;
  statusCode: number | null;
  durationMs: number;
  attemptedAt: Date;
}

/** One row of `GET /webhooks/{id}/deliveries`. */
export interface DeliveryLogRecord extends DeliveryAttempt {
  eventId: string;
  eventType: string;
  deliveryStatus: WebhookDeliveryStatus;
}

/** The webhook outbox and its delivery log. */
@Injectable()
export class WebhookDeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Whether any active subscription wants `type` (lets emitters skip work nobody receives). */
  async hasSubscribers(manager: EntityManager, type: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM webhook_subscriptions WHERE active AND $1 = ANY(events) LIMIT 1`, [type]);
    return rows.length > 0;
  }

  /**
   * Puts one event in the outbox for every active subscription that wants it, in the caller's
   * transaction. The (subscription, event) key makes a re-emitted event a no-op.
   */
  async enqueue(manager: EntityManager, event: WebhookEvent): Promise<number> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO webhook_deliveries (id, subscription_id, event_id, event_type, occurred_at, payload)
       SELECT gen_random_uuid(), s.id, $1, $2, $3, $4::jsonb FROM webhook_subscriptions s WHERE s.active AND $2 = ANY(s.events)
       ON CONFLICT (subscription_id, event_id) DO NOTHING
       RETURNING id`,
      [event.id, event.type, event.occurredAt, JSON.stringify(event.data)],
    );
    return rows.length;
  }

  /** Oldest pending deliveries, row-locked (other relays skip them) until the caller's commit. */
  async lockPending(manager: EntityManager, limit: number): Promise<string[]> {
    const rows = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM webhook_deliveries WHERE status = 'pending' ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((row) => row.id);
  }

  async markQueued(manager: EntityManager, ids: string[]): Promise<void> {
    await manager.query(`UPDATE webhook_deliveries SET status = 'queued', updated_at = now() WHERE id = ANY($1::uuid[]) AND status = 'pending'`, [ids]);
  }

  async findWork(id: string): Promise<DeliveryWork | undefined> {
    const rows = await this.dataSource.query<RawWork[]>(
      `SELECT d.id, d.event_id, d.event_type, d.occurred_at, d.payload, d.status,
              s.id AS subscription_id, s.target_url, s.secret, s.active, s.consecutive_failures, s.circuit_opened_at
       FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id WHERE d.id = $1`,
      [id],
    );
    return rows.map(toWork)[0];
  }

  /** Logs one attempt and moves the delivery to `status`, in one transaction. */
  async recordAttempt(attempt: DeliveryAttempt, status: WebhookDeliveryStatus): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO webhook_delivery_attempts (id, delivery_id, subscription_id, attempt, outcome, status_code, duration_ms, attempted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [randomUUID(), attempt.deliveryId, attempt.subscriptionId, attempt.attempt, attempt.outcome, attempt.statusCode, attempt.durationMs, attempt.attemptedAt],
      );
      await manager.query(`UPDATE webhook_deliveries SET status = $2, attempts = GREATEST(attempts, $3), updated_at = now() WHERE id = $1`, [
        attempt.deliveryId,
        status,
        attempt.attempt,
      ]);
    });
  }

  /** A subscription's delivery log, one row per attempt. */
  async logPage(subscriptionId: string, direction: 'ASC' | 'DESC', offset: number, limit: number): Promise<{ rows: DeliveryLogRecord[]; total: number }> {
    const order = direction === 'ASC' ? 'ASC' : 'DESC';
    const rows = await this.dataSource.query<RawLog[]>(
      `SELECT a.delivery_id, a.subscription_id, a.attempt, a.outcome, a.status_code, a.duration_ms, a.attempted_at, d.event_id, d.event_type, d.status
       FROM webhook_delivery_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
       WHERE a.subscription_id = $1
       ORDER BY a.attempted_at ${order}, a.attempt ${order}
       LIMIT $2 OFFSET $3`,
      [subscriptionId, limit, offset],
    );
    const [{ total }] = await this.dataSource.query<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM webhook_delivery_attempts WHERE subscription_id = $1`,
      [subscriptionId],
    );
    return {
      rows: rows.map((row) => ({
        deliveryId: row.delivery_id,
        subscriptionId: row.subscription_id,
        attempt: row.attempt,
        outcome: row.outcome,
        statusCode: row.status_code,
        durationMs: row.duration_ms,
        attemptedAt: row.attempted_at,
        eventId: row.event_id,
        eventType: row.event_type,
        deliveryStatus: row.status,
      })),
      total,
    };
  }
}

interface RawWork {
  id: string;
  event_id: string;
  event_type: string;
  occurred_at: Date;
  payload: Record<string, unknown>;
  status: WebhookDeliveryStatus;
  subscription_id: string;
  target_url: string;
  secret: string;
  active: boolean;
  consecutive_failures: number;
  circuit_opened_at: Date | null;
}

interface RawLog {
  delivery_id: string;
  subscription_id: string;
  attempt: number;
  outcome: string;
  status_code: number | null;
  duration_ms: number;
  attempted_at: Date;
  event_id: string;
  event_type: string;
  status: WebhookDeliveryStatus;
}

function toWork(row: RawWork): DeliveryWork {
  return {
    id: row.id,
    eventId: row.event_id,
    eventType: row.event_type,
    occurredAt: row.occurred_at,
    payload: row.payload,
    status: row.status,
    subscription: {
      id: row.subscription_id,
      targetUrl: row.target_url,
      secret: row.secret,
      active: row.active,
      consecutiveFailures: row.consecutive_failures,
      circuitOpenedAt: row.circuit_opened_at,
    },
  };
}
