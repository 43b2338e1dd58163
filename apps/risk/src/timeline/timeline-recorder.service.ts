import { Injectable } from '@nestjs/common';
import type { TimelineAppendedMessage } from '@sentinel/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { applyFact } from '../aggregates/deal-aggregate';
import { DealTimelineRepository, entryKey, type NewTimelineEntry } from '../repositories/deal-timeline.repository';
import type { AggregateChange } from '../webhooks/risk-level-change';
import { WebhookEmitter } from '../webhooks/webhook-emitter.service';

/** Missing entries written per transaction by a backfill. */
const BACKFILL_BATCH = 500;

/**
 * Puts stored messages on the timelines of their deals. Entry inserts and aggregate updates share
 * one transaction, and an aggregate changes only for entries that are new, so a redelivered event
 * changes nothing and the aggregates never disagree with the entries. Webhook events (message
 * admitted, risk level changed) join the same transaction through the outbox.
 */
@Injectable()
export class TimelineRecorderService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly timeline: DealTimelineRepository,
    private readonly webhooks: WebhookEmitter,
  ) {}

  /** Returns how many deal timelines gained an entry (0 for a duplicate or an unlinked message). */
  async recordMessage(event: TimelineAppendedMessage): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const deals = await this.timeline.dealsForMessage(manager, event.user_id, event.matched_contact_ids);
      const occurredAt = new Date(event.occurred_at);
      const fresh = await this.record(
        manager,
        deals.map(({ dealId, contactIds }) => ({ dealId, source: event.source, messageId: event.message_id, direction: event.direction, occurredAt, contactIds })),
      );
      await this.webhooks.messageAdmitted(manager, event, deals.map((deal) => deal.dealId));
      return fresh.length;
    });
  }

  /**
   * After a CRM sync: puts earlier messages on the deals they now belong to (a deal or association
   * the sync just brought). Batches of BACKFILL_BATCH entries, each in its own transaction.
   */
  async backfillIntegration(integrationId: string): Promise<number> {
    let total = 0;
    for (;;) {
      const missing = await this.timeline.missingEntries(integrationId, BACKFILL_BATCH);
      if (missing.length === 0) return total;
      total += (await this.dataSource.transaction((manager) => this.record(manager, missing))).length;
    }
  }

  /** Returns the entries that were new. */
  private async record(manager: EntityManager, entries: NewTimelineEntry[]): Promise<NewTimelineEntry[]> {
    const inserted = await this.timeline.insertEntries(manager, entries);
    if (inserted.size === 0) return [];
    const fresh = entries.filter((entry) => inserted.has(entryKey(entry)));
    const aggregates = await this.timeline.lockAggregates(manager, [...new Set(fresh.map((entry) => entry.dealId))]);
    const before = new Map(aggregates);
    for (const entry of fresh) {
      const current = aggregates.get(entry.dealId);
      // Notes never reach here; every entry recorded by this service is a message.
      if (!current || entry.direction === null || entry.source === 'note') continue;
      aggregates.set(entry.dealId, applyFact(current, { source: entry.source, direction: entry.direction, occurredAt: entry.occurredAt.getTime(), contactIds: entry.contactIds }));
    }
    const changes: AggregateChange[] = [];
    for (const dealId of new Set(fresh.map((entry) => entry.dealId))) {
      const aggregate = aggregates.get(dealId);
      const previous = before.get(dealId);
      if (!aggregate || !previous) continue;
      await this.timeline.saveAggregate(manager, dealId, aggregate);
      changes.push({ dealId, before: previous, after: aggregate });
    }
    await this.webhooks.aggregatesChanged(manager, changes);
    return fresh;
  }
}
