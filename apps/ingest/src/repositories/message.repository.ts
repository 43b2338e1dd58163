import { Injectable } from '@nestjs/common';
import type { MessageAttachment, MessageDirection, MessageSource } from '@sentinel/persistence';
import { DataSource, type EntityManager } from 'typeorm';

export interface MessageKey {
  userId: string;
  source: MessageSource;
  externalId: string;
  slackEventId: string | null;
}

export interface StoredMessageRef {
  id: string;
  userId: string;
  integrationId: string;
  source: MessageSource;
  direction: MessageDirection;
  occurredAt: Date;
  matchedContactIds: string[];
}

export interface NewMessageRow extends MessageKey {
  id: string;
  integrationId: string;
  slackChannelId: string | null;
  threadId: string | null;
  subject: string | null;
  bodyText: string;
  occurredAt: Date;
  direction: MessageDirection;
  matchedContactIds: string[];
  participantsCount: number;
  attachments: MessageAttachment[];
}

interface StoredRow {
  ord: string;
  id: string;
  user_id: string;
  integration_id: string;
  source: MessageSource;
  direction: MessageDirection;
  occurred_at: Date;
  matched_contact_ids: string[];
}

/** Queries of the messages table used by the gate. */
@Injectable()
export class MessageRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The dedup pre-check for a whole batch: for each key (by position), the message already stored
   * under `(user, source, external id)` or `(user, slack event id)`. Both arms ride a unique index.
   */
  async findExisting(keys: readonly MessageKey[]): Promise<Map<number, StoredMessageRef>> {
    const found = new Map<number, StoredMessageRef>();
    if (keys.length === 0) return found;
    const rows = await this.dataSource.query<StoredRow[]>(
      `WITH k AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY
                    AS k(user_id, source, external_id, slack_event_id, ord))
       SELECT k.ord, m.id, m.user_id, m.integration_id, m.source, m.direction, m.occurred_at, m.matched_contact_ids
         FROM k JOIN messages m ON m.user_id = k.user_id AND m.source = k.source AND m.external_id = k.external_id
       UNION ALL
       SELECT k.ord, m.id, m.user_id, m.integration_id, m.source, m.direction, m.occurred_at, m.matched_contact_ids
         FROM k JOIN messages m ON m.user_id = k.user_id AND m.slack_event_id = k.slack_event_id
        WHERE k.slack_event_id IS NOT NULL`,
      [
        keys.map((key) => key.userId),
        keys.map((key) => key.source),
        keys.map((key) => key.externalId),
        keys.map((key) => key.slackEventId),
      ],
    );
    for (const row of rows) found.set(Number(row.ord) - 1, toRef(row));
    return found;
  }

  /**
   * Inserts the rows in one statement; a row that collides with a stored one (or with an earlier
   * row of the same statement) on either unique key is skipped. Returns the ids actually inserted,
   * so the caller can tell `passed` from `duplicate_event` without a second query. `manager` joins
   * the caller's transaction.
   */
  async insertNew(rows: readonly NewMessageRow[], manager?: EntityManager): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const inserted = await (manager ?? this.dataSource).query<Array<{ id: string }>>(
      `INSERT INTO messages (id, user_id, integration_id, source, external_id, slack_event_id, slack_channel_id, thread_id,
                             subject, body_text, occurred_at, direction, matched_contact_ids, participants_count, attachments)
       SELECT id, user_id, integration_id, source, external_id, slack_event_id, slack_channel_id, thread_id,
              subject, body_text, occurred_at, direction, string_to_array(matched, ',')::uuid[], participants_count, attachments::jsonb
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                     $9::text[], $10::text[], $11::timestamptz[], $12::text[], $13::text[], $14::int[], $15::text[])
              AS r(id, user_id, integration_id, source, external_id, slack_event_id, slack_channel_id, thread_id,
                   subject, body_text, occurred_at, direction, matched, participants_count, attachments)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        rows.map((row) => row.id),
        rows.map((row) => row.userId),
        rows.map((row) => row.integrationId),
        rows.map((row) => row.source),
        rows.map((row) => row.externalId),
        rows.map((row) => row.slackEventId),
        rows.map((row) => row.slackChannelId),
        rows.map((row) => row.threadId),
        rows.map((row) => row.subject),
        rows.map((row) => row.bodyText),
        rows.map((row) => row.occurredAt.toISOString()),
        rows.map((row) => row.direction),
        // uuid[][] cannot be unnested row by row, so each row's ids travel as one joined string.
        rows.map((row) => row.matchedContactIds.join(',')),
        rows.map((row) => row.participantsCount),
        rows.map((row) => JSON.stringify(row.attachments)),
      ],
    );
    return new Set(inserted.map((row) => row.id));
  }

  /** Ids of every stored copy of a provider item (all users). */
  async idsByExternalId(source: MessageSource, externalId: string): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(`SELECT id FROM messages WHERE source = $1 AND external_id = $2`, [source, externalId]);
    return rows.map((row) => row.id);
  }

  /** Removes every stored copy of a provider item (all users). Returns how many rows went. */
  async deleteByExternalId(source: MessageSource, externalId: string): Promise<number> {
    const result = await this.dataSource.query<[unknown[], number]>(
      `DELETE FROM messages WHERE source = $1 AND external_id = $2`,
      [source, externalId],
    );
    return result[1];
  }
}

function toRef(row: StoredRow): StoredMessageRef {
  return {
    id: row.id,
    userId: row.user_id,
    integrationId: row.integration_id,
    source: row.source,
    direction: row.direction,
    occurredAt: new Date(row.occurred_at),
    matchedContactIds: row.matched_contact_ids,
  };
}
