import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CrmProvider } from '../entities/crm-enums';
import type { UpsertedRow } from './contact.repository';

export interface DealUpsertRow {
  id: string;
  integrationId: string;
  userId: string;
  provider: CrmProvider;
  externalId: string;
  name: string | null;
  stage: string | null;
  amount: string | null;
  closeDate: string | null;
  ownerExternalId: string | null;
  externalUpdatedAt: Date | null;
}

/** Queries over deals and their contact associations (UPDATE ... RETURNING wrapped in a CTE: see ContactRepository). */
@Injectable()
export class DealRepository {
  /** One multi-row upsert per page of live deals (external ids unique within the call; one integration). */
  async upsertLive(manager: EntityManager, rows: DealUpsertRow[]): Promise<UpsertedRow[]> {
    if (rows.length === 0) return [];
    const first = rows[0];
    const result: { id: string; external_id: string; inserted: boolean }[] = await manager.query(
      `INSERT INTO deals (id, integration_id, user_id, provider, external_id, name, stage, amount,
                          close_date, owner_external_id, deleted_at, external_updated_at, synced_at)
       SELECT u.id, $1, $2, $3, u.external_id, u.name, u.stage, u.amount, u.close_date, u.owner_external_id, NULL, u.external_updated_at, now()
       FROM unnest($4::uuid[], $5::text[], $6::text[], $7::text[], $8::numeric[], $9::date[], $10::text[], $11::timestamptz[])
            AS u(id, external_id, name, stage, amount, close_date, owner_external_id, external_updated_at)
       ON CONFLICT (integration_id, external_id) DO UPDATE SET
         name = EXCLUDED.name,
         stage = EXCLUDED.stage,
         amount = EXCLUDED.amount,
         close_date = EXCLUDED.close_date,
         owner_external_id = EXCLUDED.owner_external_id,
         deleted_at = NULL,
         external_updated_at = EXCLUDED.external_updated_at,
         synced_at = EXCLUDED.synced_at
       RETURNING id, external_id, (xmax = 0) AS inserted`,
      [
        first.integrationId, first.userId, first.provider,
        rows.map((row) => row.id),
        rows.map((row) => row.externalId),
        rows.map((row) => row.name),
        rows.map((row) => row.stage),
        rows.map((row) => row.amount),
        rows.map((row) => row.closeDate),
        rows.map((row) => row.ownerExternalId),
        rows.map((row) => row.externalUpdatedAt),
      ],
    );
    return result.map((row) => ({ id: row.id, externalId: row.external_id, inserted: row.inserted }));
  }

  /** Makes each deal's associations exactly the given contact external ids. */
  async replaceContacts(manager: EntityManager, associations: { dealId: string; contactExternalIds: string[] }[]): Promise<void> {
    if (associations.length === 0) return;
    await manager.query(`DELETE FROM deal_contacts WHERE deal_id = ANY($1::uuid[])`, [associations.map((entry) => entry.dealId)]);
    const dealIds = associations.flatMap((entry) => entry.contactExternalIds.map(() => entry.dealId));
    const contactIds = associations.flatMap((entry) => entry.contactExternalIds);
    if (contactIds.length === 0) return;
    await manager.query(
      `INSERT INTO deal_contacts (deal_id, contact_external_id)
       SELECT * FROM unnest($1::uuid[], $2::text[]) ON CONFLICT DO NOTHING`,
      [dealIds, contactIds],
    );
  }

  async markDeleted(manager: EntityManager, integrationId: string, externalIds: string[]): Promise<number> {
    if (externalIds.length === 0) return 0;
    const rows: { id: string }[] = await manager.query(
      `WITH changed AS (
         UPDATE deals SET deleted_at = now(), synced_at = now()
         WHERE integration_id = $1 AND external_id = ANY($2::text[]) AND deleted_at IS NULL
         RETURNING id
       )
       SELECT id FROM changed`,
      [integrationId, externalIds],
    );
    return rows.length;
  }

  async markUnseenDeleted(manager: EntityManager, integrationId: string, seenSince: Date): Promise<number> {
    const rows: { id: string }[] = await manager.query(
      `WITH changed AS (
         UPDATE deals SET deleted_at = now()
         WHERE integration_id = $1 AND deleted_at IS NULL AND synced_at < $2
         RETURNING id
       )
       SELECT id FROM changed`,
      [integrationId, seenSince],
    );
    return rows.length;
  }
}
