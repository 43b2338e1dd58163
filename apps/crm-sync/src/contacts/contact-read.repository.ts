import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CrmProvider } from '@sentinel/persistence';
import type { DataSource } from 'typeorm';
import type { CONTACT_SORT_FIELDS } from './contacts-list.query';

export interface ContactRecord {
  id: string;
  integrationId: string;
  provider: CrmProvider;
  externalId: string;
  email: string | null;
  additionalEmails: string[];
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  externalUpdatedAt: Date | null;
  syncedAt: Date;
}

export interface ContactListFilter {
  userId: string;
  integrationId?: string;
  /** Already normalized. */
  email?: string;
  sort: { field: (typeof CONTACT_SORT_FIELDS)[number]; direction: 'ASC' | 'DESC' };
  offset: number;
  limit: number;
}

const COLUMNS = `c.id, c.integration_id, c.provider, c.external_id, c.email, c.additional_emails, c.first_name, c.last_name,
  c.company, c.external_updated_at, c.synced_at`;
// Live contacts of the caller's own integrations only: an integration moved to someone else is not theirs.
const OWNED = `c.user_id = $1 AND c.deleted_at IS NULL AND EXISTS (SELECT 1 FROM integrations i WHERE i.id = c.integration_id AND i.user_id = $1)`;
const SORT_COLUMNS = { synced_at: 'c.synced_at', email: 'c.email', last_name: 'c.last_name', external_updated_at: 'c.external_updated_at' } as const;

/** Read queries over the contact book, always scoped to one user. */
@Injectable()
export class ContactReadRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(filter: ContactListFilter): Promise<{ rows: ContactRecord[]; total: number }> {
    const conditions = [OWNED];
    const params: unknown[] = [filter.userId];
    if (filter.integrationId) {
      params.push(filter.integrationId);
      conditions.push(`c.integration_id = $${params.length}`);
    }
    if (filter.email) {
      params.push(filter.email);
      // contact_emails holds every address of a live contact, indexed by (user_id, email).
      conditions.push(`EXISTS (SELECT 1 FROM contact_emails e WHERE e.contact_id = c.id AND e.user_id = $1 AND e.email = $${params.length})`);
    }
    const where = conditions.join(' AND ');
    // The sort column comes from a fixed map, never from the request text.
    const direction = filter.sort.direction === 'ASC' ? 'ASC' : 'DESC';
    const rows: RawContact[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM contacts c WHERE ${where}
       ORDER BY ${SORT_COLUMNS[filter.sort.field]} ${direction} NULLS LAST, c.id ${direction} LIMIT ${filter.limit} OFFSET ${filter.offset}`,
      params,
    );
    const [{ total }]: { total: number }[] = await this.dataSource.query(`SELECT count(*)::int AS total FROM contacts c WHERE ${where}`, params);
    return { rows: rows.map(toRecord), total };
  }

  async findOwned(userId: string, id: string): Promise<ContactRecord | undefined> {
    const rows: RawContact[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM contacts c WHERE ${OWNED} AND c.id = $2`, [userId, id]);
    return rows.map(toRecord)[0];
  }
}

interface RawContact {
  id: string;
  integration_id: string;
  provider: CrmProvider;
  external_id: string;
  email: string | null;
  additional_emails: string[];
  first_name: string | null;
  last_name: string | null;
  company: string | null;
  external_updated_at: Date | null;
  synced_at: Date;
}

function toRecord(row: RawContact): ContactRecord {
  return {
    id: row.id,
    integrationId: row.integration_id,
    provider: row.provider,
    externalId: row.external_id,
    email: row.email,
    additionalEmails: row.additional_emails,
    firstName: row.first_name,
    lastName: row.last_name,
    company: row.company,
    externalUpdatedAt: row.external_updated_at,
    syncedAt: row.synced_at,
  };
}
