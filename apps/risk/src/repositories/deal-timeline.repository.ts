import { Injectable } from '@nestjs/common';
import type { MessageDirection, TimelineSource } from '@sentinel/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import type { DealAggregate } from '../aggregates/deal-aggregate';
import { aggregateOf } from './deal-read.repository';

export interface NewTimelineEntry {
  dealId: string;
  source: TimelineSource;
  messageId: string;
  direction: MessageDirection | null;
  occurredAt: Date;
  contactIds: string[];
}

export interface TimelineEntryRecord {
  source: TimelineSource;
  messageId: string;
  direction: MessageDirection | null;
  occurredAt: Date;
  contactIds: string[];
  /** Notes only. */
  body: string | null;
  authorUserId: string | null;
}

/** Writes and reads of deal timelines and the aggregates kept beside them. */
@Injectable()
export class DealTimelineRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Live deals a message belongs to: those linked (deal_contacts) to one of its matched contacts in
   * the same CRM integration, each with the matched contacts that are linked to it.
   */
  async dealsForMessage(manager: EntityManager, userId: string, matchedContactIds: string[]): Promise<Array<{ dealId: string; contactIds: string[] }>> {
    if (matchedContactIds.length === 0) return [];
    const rows = await manager.query<Array<{ deal_id: string; contact_ids: string[] }>>(
      `SELECT d.id AS deal_id, array_agg(DISTINCT c.id ORDER BY c.id) AS contact_ids
       FROM contacts c
       JOIN deal_contacts dc ON dc.contact_external_id = c.external_id
       JOIN deals d ON d.id = dc.deal_id AND d.integration_id = c.integration_id AND d.deleted_at IS NULL
       WHERE c.id = ANY($1::uuid[]) AND c.user_id = $2
       GROUP BY d.id ORDER BY d.id`,
      [matchedContactIds, userId],
    );
    return rows.map((row) => ({ dealId: row.deal_id, contactIds: row.contact_ids }));
  }

  /** Inserts entries, skipping any already there; returns the keys (entryKey) of the new ones. */
  async insertEntries(manager: EntityManager, entries: NewTimelineEntry[]): Promise<Set<string>> {
    if (entries.length === 0) return new Set();
    const rows = await manager.query<Array<{ deal_id: string; source: TimelineSource; message_id: string }>>(
      `INSERT INTO deal_timeline_entries (deal_id, source, message_id, direction, occurred_at, contact_ids)
       SELECT e.deal_id, e.source, e.message_id, e.direction, e.occurred_at, ARRAY(SELECT jsonb_array_elements_text(e.contact_ids))::uuid[]
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::timestamptz[], $6::jsonb[])
            AS e(deal_id, source, message_id, direction, occurred_at, contact_ids)
       ON CONFLICT (deal_id, source, message_id) DO NOTHING
       RETURNING deal_id, source, message_id`,
      [
        entries.map((entry) => entry.dealId),
        entries.map((entry) => entry.source),
        entries.map((entry) => entry.messageId),
        entries.map((entry) => entry.direction),
        entries.map((entry) => entry.occurredAt),
        entries.map((entry) => JSON.stringify(entry.contactIds)),
      ],
    );
    return new Set(rows.map((row) => entryKey({ dealId: row.deal_id, source: row.source, messageId: row.message_id })));
  }

  /**
   * Stored messages that belong on a live deal of the integration (a matched contact is linked to
   * it) but are not on its timeline yet, e.g. because the association came with a later sync.
   */
  async missingEntries(integrationId: string, limit: number): Promise<NewTimelineEntry[]> {
    const rows = await this.dataSource.query<Array<{ deal_id: string; source: TimelineSource; message_id: string; direction: MessageDirection; occurred_at: Date; contact_ids: string[] }>>(
      `SELECT d.id AS deal_id, m.source, m.id AS message_id, m.direction, m.occurred_at, array_agg(DISTINCT c.id ORDER BY c.id) AS contact_ids
       FROM deals d
       JOIN deal_contacts dc ON dc.deal_id = d.id
       JOIN contacts c ON c.integration_id = d.integration_id AND c.external_id = dc.contact_external_id
       JOIN messages m ON m.user_id = c.user_id AND m.matched_contact_ids @> ARRAY[c.id]
       WHERE d.integration_id = $1 AND d.deleted_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM deal_timeline_entries e WHERE e.deal_id = d.id AND e.source = m.source AND e.message_id = m.id)
       GROUP BY d.id, m.id
       ORDER BY d.id, m.id
       LIMIT $2`,
      [integrationId, limit],
    );
    return rows.map((row) => ({
      dealId: row.deal_id,
      source: row.source,
      messageId: row.message_id,
      direction: row.direction,
      occurredAt: new Date(row.occurred_at),
      contactIds: row.contact_ids,
    }));
  }

  /** The deals' aggregates, created if missing and row-locked (in id order, so writers cannot deadlock). */
  async lockAggregates(manager: EntityManager, dealIds: string[]): Promise<Map<string, DealAggregate>> {
    const sorted = [...dealIds].sort();
    await manager.query(`INSERT INTO deal_risk_aggregates (deal_id) SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING`, [sorted]);
    const rows = await manager.query<Array<Parameters<typeof aggregateOf>[0] & { deal_id: string }>>(
      `SELECT deal_id, inbound_count, outbound_count, first_inbound_at, last_inbound_at, previous_inbound_at, last_outbound_at,
              last_meeting_at, engaged_contact_ids
       FROM deal_risk_aggregates WHERE deal_id = ANY($1::uuid[]) ORDER BY deal_id FOR UPDATE`,
      [sorted],
    );
    return new Map(rows.map((row) => [row.deal_id, aggregateOf(row)]));
  }

  async saveAggregate(manager: EntityManager, dealId: string, aggregate: DealAggregate): Promise<void> {
    await manager.query(
      `UPDATE deal_risk_aggregates SET inbound_count = $2, outbound_count = $3, first_inbound_at = $4, last_inbound_at = $5,
              previous_inbound_at = $6, last_outbound_at = $7, last_meeting_at = $8, engaged_contact_ids = $9::uuid[], updated_at = now()
       WHERE deal_id = $1`,
      [
        dealId,
        aggregate.inboundCount,
        aggregate.outboundCount,
        dateOf(aggregate.firstInboundAt),
        dateOf(aggregate.lastInboundAt),
        dateOf(aggregate.previousInboundAt),
        dateOf(aggregate.lastOutboundAt),
        dateOf(aggregate.lastMeetingAt),
        aggregate.engagedContactIds,
      ],
    );
  }

  async insertNote(manager: EntityManager, note: { id: string; dealId: string; authorUserId: string; body: string }): Promise<Date> {
    const [row] = await manager.query<Array<{ created_at: Date }>>(
      `INSERT INTO deal_notes (id, deal_id, author_user_id, body) VALUES ($1, $2, $3, $4) RETURNING created_at`,
      [note.id, note.dealId, note.authorUserId, note.body],
    );
    return row.created_at;
  }

  /** One page of a deal's timeline, newest first unless asked otherwise; notes carry their body. */
  async page(dealId: string, direction: 'ASC' | 'DESC', offset: number, limit: number): Promise<{ rows: TimelineEntryRecord[]; total: number }> {
    const order = direction === 'ASC' ? 'ASC' : 'DESC';
    const rows = await this.dataSource.query<RawEntry[]>(
      `SELECT e.source, e.message_id, e.direction, e.occurred_at, e.contact_ids, n.body, n.author_user_id
       FROM deal_timeline_entries e
       LEFT JOIN deal_notes n ON e.source = 'note' AND n.id = e.message_id
       WHERE e.deal_id = $1
       ORDER BY e.occurred_at ${order}, e.message_id ${order}
       LIMIT ${limit} OFFSET ${offset}`,
      [dealId],
    );
    const [{ total }] = await this.dataSource.query<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM deal_timeline_entries WHERE deal_id = $1`,
      [dealId],
    );
    return {
      rows: rows.map((row) => ({
        source: row.source,
        messageId: row.message_id,
        direction: row.direction,
        occurredAt: new Date(row.occurred_at),
        contactIds: row.contact_ids,
        body: row.body,
        authorUserId: row.author_user_id,
      })),
      total,
    };
  }
}

interface RawEntry {
  source: TimelineSource;
  message_id: string;
  direction: MessageDirection | null;
  occurred_at: Date;
  contact_ids: string[];
  body: string | null;
  author_user_id: string | null;
}

function dateOf(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}

/** Identity of a timeline entry: its primary key. */
export function entryKey(entry: Pick<NewTimelineEntry, 'dealId' | 'source' | 'messageId'>): string {
  return `${entry.dealId}/${entry.source}/${entry.messageId}`;
}
