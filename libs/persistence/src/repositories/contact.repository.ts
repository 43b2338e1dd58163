import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CrmProvider } from '../entities/crm-enums';

/** One contact to upsert; every row of a call belongs to the same integration. */
export interface ContactUpsertRow {
  /** Used only when the row is new; an existing row keeps its id. */
  id: string;
  integrationId: string;
  userId: string;
  provider: CrmProvider;
  externalId: string;
  email: string | null;
  additionalEmails: string[];
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  externalUpdatedAt: Date | null;
}

export interface UpsertedRow {
  id: string;
  externalId: string;
  inserted: boolean;
}

/**
 * Queries over contacts and their lookup addresses. Updates whose rows are needed run as
 * `WITH changed AS (UPDATE ... RETURNING) SELECT`: TypeORM returns `[rows, count]` for a bare UPDATE.
 * Every write takes the caller's transaction
 * manager: a sync page is applied atomically with its cursor.
 */
@Injectable()
export class ContactRepository {
  /**
   * One multi-row `INSERT ... ON CONFLICT (integration_id, external_id) DO UPDATE` for a page of
   * live contacts (external ids must be unique within the call). A contact that was deleted and
   * comes back is live again. `inserted` comes from `xmax = 0`, true only for a fresh row.
   * `synced_at` is the database's transaction time, one clock for every replica (see markUnseenDeleted).
   * Columns travel as one array parameter each (unnest): a page costs 11 binds, not 11 per row.
   */
  async upsertLive(manager: EntityManager, rows: ContactUpsertRow[]): Promise<UpsertedRow[]> {
    if (rows.length === 0) return [];
    const first = rows[0];
    const result: { id: string; external_id: string; inserted: boolean }[] = await manager.query(
      `INSERT INTO contacts (id, integration_id, user_id, provider, external_id, email, additional_emails,
                             first_name, last_name, company, deleted_at, external_updated_at, synced_at)
       SELECT u.id, $1, $2, $3, u.external_id, u.email,
              ARRAY(SELECT jsonb_array_elements_text(u.additional_emails)),
              u.first_name, u.last_name, u.company, NULL, u.external_updated_at, now()
       FROM unnest($4::uuid[], $5::text[], $6::text[], $7::jsonb[], $8::text[], $9::text[], $10::text[], $11::timestamptz[])
            AS u(id, external_id, email, additional_emails, first_name, last_name, company, external_updated_at)
       ON CONFLICT (integration_id, external_id) DO UPDATE SET
         email = EXCLUDED.email,
         additional_emails = EXCLUDED.additional_emails,
         first_name = EXCLUDED.first_name,
         last_name = EXCLUDED.last_name,
         company = EXCLUDED.company,
         deleted_at = NULL,
         external_updated_at = EXCLUDED.external_updated_at,
         synced_at = EXCLUDED.synced_at
       RETURNING id, external_id, (xmax = 0) AS inserted`,
      [
        first.integrationId, first.userId, first.provider,
        rows.map((row) => row.id),
        rows.map((row) => row.externalId),
        rows.map((row) => row.email),
        rows.map((row) => JSON.stringify(row.additionalEmails)),
        rows.map((row) => row.firstName),
        rows.map((row) => row.lastName),
        rows.map((row) => row.company),
        rows.map((row) => row.externalUpdatedAt),
      ],
    );
    return result.map((row) => ({ id: row.id, externalId: row.external_id, inserted: row.inserted }));
  }

  /** Adds lookup addresses (primary and additional) of live contacts; present ones are kept. */
  async insertEmails(manager: EntityManager, userId: string, emails: { contactId: string; addresses: string[] }[]): Promise<void> {
    const contactIds = emails.flatMap((entry) => entry.addresses.map(() => entry.contactId));
    const addresses = emails.flatMap((entry) => entry.addresses);
    if (addresses.length === 0) return;
    await manager.query(
      `INSERT INTO contact_emails (contact_id, email, user_id)
       SELECT contact_id, email, $3 FROM unnest($1::uuid[], $2::text[]) AS t(contact_id, email)
       ON CONFLICT (contact_id, email) DO NOTHING`,
      [contactIds, addresses, userId],
    );
  }

  /** Marks live contacts deleted by external id; returns the ids actually changed. */
  async markDeleted(manager: EntityManager, integrationId: string, externalIds: string[]): Promise<string[]> {
    if (externalIds.length === 0) return [];
    const rows: { id: string }[] = await manager.query(
      `WITH changed AS (
         UPDATE contacts SET deleted_at = now(), synced_at = now()
         WHERE integration_id = $1 AND external_id = ANY($2::text[]) AND deleted_at IS NULL
         RETURNING id
       )
       SELECT id FROM changed`,
      [integrationId, externalIds],
    );
    const ids = rows.map((row) => row.id);
    await this.deleteEmails(manager, ids);
    return ids;
  }

  /**
   * After a complete full listing: live contacts not seen since `seenSince` are gone at the provider.
   * `seenSince` must come from the database clock, like `synced_at` (IntegrationRepository.acquireSyncLease).
   */
  async markUnseenDeleted(manager: EntityManager, integrationId: string, seenSince: Date, externalIdPrefix: string | null = null): Promise<string[]> {
    // externalIdPrefix narrows the sweep to one Salesforce object (`00Q`: leads) by its key prefix.
    const rows: { id: string }[] = await manager.query(
      `WITH changed AS (
         UPDATE contacts SET deleted_at = now()
         WHERE integration_id = $1 AND deleted_at IS NULL AND synced_at < $2
           AND ($3::text IS NULL OR starts_with(external_id, $3::text))
         RETURNING id
       )
       SELECT id FROM changed`,
      [integrationId, seenSince, externalIdPrefix],
    );
    const ids = rows.map((row) => row.id);
    await this.deleteEmails(manager, ids);
    return ids;
  }

  /** Removes every lookup address of these contacts (before re-adding the current set, or on deletion). */
  async deleteEmails(manager: EntityManager, contactIds: string[]): Promise<void> {
    if (contactIds.length === 0) return;
    await manager.query(`DELETE FROM contact_emails WHERE contact_id = ANY($1::uuid[])`, [contactIds]);
  }
}
