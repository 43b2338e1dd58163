import { Injectable } from '@nestjs/common';
import type { MessageAttachment, MessageDirection, MessageSource } from '@sentinel/persistence';
import { DataSource } from 'typeorm';

export interface MessageRecord {
  id: string;
  userId: string;
  integrationId: string;
  source: MessageSource;
  externalId: string;
  slackChannelId: string | null;
  threadId: string | null;
  subject: string | null;
  bodyText: string;
  occurredAt: Date;
  direction: MessageDirection;
  matchedContactIds: string[];
  participantsCount: number;
  attachments: MessageAttachment[];
  createdAt: Date;
}

export interface MessageListFilter {
  userId: string;
  contactId?: string;
  sort: { field: 'occurred_at' | 'created_at'; direction: 'ASC' | 'DESC' };
  offset: number;
  limit: number;
}

const COLUMNS = `m.id, m.user_id, m.integration_id, m.source, m.external_id, m.slack_channel_id, m.thread_id, m.subject,
  m.body_text, m.occurred_at, m.direction, m.matched_contact_ids, m.participants_count, m.attachments, m.created_at`;
// Only a user's own integrations: a message whose integration moved to someone else is not theirs.
const OWNED = `m.user_id = $1 AND EXISTS (SELECT 1 FROM integrations i WHERE i.id = m.integration_id AND i.user_id = $1)`;
const SORT_COLUMNS = { occurred_at: 'm.occurred_at', created_at: 'm.created_at' } as const;

/** Read queries over messages, always scoped to one user. */
@Injectable()
export class MessageReadRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: MessageListFilter): Promise<{ rows: MessageRecord[]; total: number }> {
    const where = filter.contactId ? `${OWNED} AND m.matched_contact_ids @> ARRAY[$2::uuid]` : OWNED;
    const params: unknown[] = filter.contactId ? [filter.userId, filter.contactId] : [filter.userId];
    // The sort column comes from a fixed map, never from the request text.
    const order = `${SORT_COLUMNS[filter.sort.field]} ${filter.sort.direction === 'ASC' ? 'ASC' : 'DESC'}, m.id ${filter.sort.direction === 'ASC' ? 'ASC' : 'DESC'}`;
    // The total rides on the page's rows (one round trip per request); a page past the end has no
    // rows to carry it, and only then is it counted on its own.
    const rows = await this.dataSource.query<Array<RawMessage & { total: number }>>(
      `SELECT ${COLUMNS}, count(*) OVER ()::int AS total FROM messages m WHERE ${where} ORDER BY ${order} LIMIT ${filter.limit} OFFSET ${filter.offset}`,
      params,
    );
    if (rows.length > 0) return { rows: rows.map(toRecord), total: rows[0].total };
    if (filter.offset === 0) return { rows: [], total: 0 };
    const [{ total }] = await this.dataSource.query<Array<{ total: number }>>(`SELECT count(*)::int AS total FROM messages m WHERE ${where}`, params);
    return { rows: [], total };
  }

  async findOwned(userId: string, id: string): Promise<MessageRecord | undefined> {
    const rows = await this.dataSource.query<RawMessage[]>(`SELECT ${COLUMNS} FROM messages m WHERE ${OWNED} AND m.id = $2`, [userId, id]);
    return rows.map(toRecord)[0];
  }

  /**
   * Of the given (user, message) pairs, the messages that carry attachment metadata and are still
   * their user's (the same ownership rule as `findOwned`), in the order given: one query for a whole
   * `timeline.appended` batch instead of one per message.
   */
  async findOwnedWithAttachments(refs: ReadonlyArray<{ userId: string; messageId: string }>): Promise<MessageRecord[]> {
    if (refs.length === 0) return [];
    const rows = await this.dataSource.query<RawMessage[]>(
      `SELECT ${COLUMNS}
         FROM unnest($1::text[], $2::uuid[]) WITH ORDINALITY AS r(user_id, id, position)
         JOIN messages m ON m.id = r.id AND m.user_id = r.user_id
        WHERE jsonb_array_length(m.attachments) > 0
          AND EXISTS (SELECT 1 FROM integrations i WHERE i.id = m.integration_id AND i.user_id = r.user_id)
        ORDER BY r.position`,
      [refs.map((ref) => ref.userId), refs.map((ref) => ref.messageId)],
    );
    return rows.map(toRecord);
  }
}

interface RawMessage {
  id: string;
  user_id: string;
  integration_id: string;
  source: MessageSource;
  external_id: string;
  slack_channel_id: string | null;
  thread_id: string | null;
  subject: string | null;
  body_text: string;
  occurred_at: Date;
  direction: MessageDirection;
  matched_contact_ids: string[];
  participants_count: number;
  attachments: MessageAttachment[];
  created_at: Date;
}

function toRecord(row: RawMessage): MessageRecord {
  return {
    id: row.id,
    userId: row.user_id,
    integrationId: row.integration_id,
    source: row.source,
    externalId: row.external_id,
    slackChannelId: row.slack_channel_id,
    threadId: row.thread_id,
    subject: row.subject,
    bodyText: row.body_text,
    occurredAt: new Date(row.occurred_at),
    direction: row.direction,
    matchedContactIds: row.matched_contact_ids,
    participantsCount: row.participants_count,
    attachments: row.attachments,
    createdAt: new Date(row.created_at),
  };
}
