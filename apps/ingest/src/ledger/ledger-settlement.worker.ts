import { Injectable } from '@nestjs/common';
import { ConsumeEvent, EventPublisher, type EventEnvelope } from '@sentinel/messaging';
import { LEDGER_QUEUE } from '../inbound/inbound.events';
import { IngestLedgerRepository } from '../repositories/ingest-ledger.repository';
import type { LedgerEntry } from './ledger-entry';
import { LEDGER_SETTLEMENT_EVENT, LedgerSettlement } from './ledger-settlement.event';

/**
 * The ledger's way around a database outage: the gate acks a delivery it dropped as `fail_closed`
 * on its last attempt even while PostgreSQL is down, so its ledger entries travel through the broker
 * and are written here from a queue of their own: retried with backoff for up to
 * LEDGER_SETTLEMENT_ATTEMPTS deliveries, then kept in its dead-letter queue, never dropped.
 */
@Injectable()
export class LedgerSettlementWorker {
  constructor(
    private readonly ledger: IngestLedgerRepository,
    private readonly publisher: EventPublisher,
  ) {}

  /** Hands settled entries to the broker; `in_flight` marks are left out (their items are still queued). */
  async defer(entries: readonly LedgerEntry[]): Promise<void> {
    const settled = entries.filter((entry) => entry.mark !== 'in_flight');
    if (settled.length === 0) return;
    await this.publisher.publish(LEDGER_SETTLEMENT_EVENT, {
      entries: settled.map((entry) => ({
        event_id: entry.eventId,
        ...(entry.integrationId === null ? {} : { integration_id: entry.integrationId }),
        source: entry.source,
        mark: entry.mark,
      })),
    });
  }

  /** Idempotent: replays of the same entries change nothing once applied. */
  @ConsumeEvent({ queue: LEDGER_QUEUE, type: LEDGER_SETTLEMENT_EVENT, schema: LedgerSettlement })
  async handle(envelope: EventEnvelope<LedgerSettlement>): Promise<void> {
    await this.ledger.record(
      envelope.data.entries.map((entry) => ({
        eventId: entry.event_id,
        integrationId: entry.integration_id ?? null,
        source: entry.source,
        mark: entry.mark,
      })),
    );
  }
}
