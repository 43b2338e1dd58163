import { Injectable } from '@nestjs/common';
import type { TimelineAppendedData } from '@sentinel/messaging';
import { DataSource } from 'typeorm';
import { applyFact } from '../aggregates/deal-aggregate';
import { DealTimelineRepository } from '../repositories/deal-timeline.repository';

/**
 * Puts a stored message on the timelines of its deals. Entry inserts and aggregate updates share
 * one transaction, and an aggregate changes only for an entry that is new, so a redelivered event
 * changes nothing and the aggregates never disagree with the entries.
 */
@Injectable()
export class TimelineRecorderService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly timeline: DealTimelineRepository,
  ) {}

  /** Returns how many deal timelines gained an entry (0 for a duplicate or an unlinked message). */
  async recordMessage(event: TimelineAppendedData): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const deals = await this.timeline.dealsForMessage(manager, event.user_id, event.matched_contact_ids);
      const occurredAt = new Date(event.occurred_at);
      const inserted = await this.timeline.insertEntries(
        manager,
        deals.map(({ dealId, contactIds }) => ({ dealId, source: event.source, messageId: event.message_id, direction: event.direction, occurredAt, contactIds })),
      );
      if (inserted.size === 0) return 0;
      const aggregates = await this.timeline.lockAggregates(manager, [...inserted]);
      for (const { dealId, contactIds } of deals.filter((deal) => inserted.has(deal.dealId))) {
        const current = aggregates.get(dealId);
        if (!current) continue;
        const next = applyFact(current, { source: event.source, direction: event.direction, occurredAt: occurredAt.getTime(), contactIds });
        await this.timeline.saveAggregate(manager, dealId, next);
      }
      return inserted.size;
    });
  }
}
