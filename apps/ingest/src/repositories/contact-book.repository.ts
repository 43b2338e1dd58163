import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ContactBookKey {
  userId: string;
  /** Normalized with normalizeEmail, as crm-sync stores it. */
  email: string;
}

export interface ContactBookMatch extends ContactBookKey {
  contactId: string;
}

/** The gate's view of the contact book. */
@Injectable()
export class ContactBookRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Every live contact matching any of the keys, in ONE statement for a whole micro-batch: the
   * pairs are unnested and joined on `contact_emails (user_id, email)`, so each probe is an index
   * lookup. Deleted contacts never match.
   */
  async match(keys: readonly ContactBookKey[]): Promise<ContactBookMatch[]> {
    if (keys.length === 0) return [];
    const rows = await this.dataSource.query<Array<{ user_id: string; email: string; contact_id: string }>>(
      `SELECT ce.user_id, ce.email, ce.contact_id
         FROM contact_emails ce
         JOIN contacts c ON c.id = ce.contact_id AND c.deleted_at IS NULL
        WHERE (ce.user_id, ce.email) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [keys.map((key) => key.userId), keys.map((key) => key.email)],
    );
    return rows.map((row) => ({ userId: row.user_id, email: row.email, contactId: row.contact_id }));
  }

  /** The addresses of live contacts among `contactIds`, with their users. */
  async emailsOf(contactIds: readonly string[]): Promise<ContactBookKey[]> {
    if (contactIds.length === 0) return [];
    const rows = await this.dataSource.query<Array<{ user_id: string; email: string }>>(
      `SELECT DISTINCT ce.user_id, ce.email
         FROM contact_emails ce
         JOIN contacts c ON c.id = ce.contact_id AND c.deleted_at IS NULL
        WHERE ce.contact_id = ANY($1::uuid[])`,
      [contactIds],
    );
    return rows.map((row) => ({ userId: row.user_id, email: row.email }));
  }
}
