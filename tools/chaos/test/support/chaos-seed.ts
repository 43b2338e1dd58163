import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { ChaosMailbox, ChaosWorkload } from '../../src/chaos-workload';

const CHUNK = 5_000;

/** The mailbox's user: a CRM integration holding the contact book, and the Gmail integration items arrive on. */
export async function seedMailbox(db: Pool, userId: string, selfEmail: string): Promise<ChaosMailbox & { crmIntegrationId: string }> {
  const crmIntegrationId = randomUUID();
  const integrationId = randomUUID();
  await db.query(
    `INSERT INTO integrations (id, user_id, provider, status, external_account_id, sync_stage)
     VALUES ($1, $3, 'hubspot', 'connected', 'portal-chaos', 'incremental_pending'),
            ($2, $3, 'gmail', 'connected', $4, 'incremental_pending')`,
    [crmIntegrationId, integrationId, userId, selfEmail],
  );
  return { crmIntegrationId, integrationId, userId, selfEmail };
}

/** The contact book as crm-sync writes it (contacts and their normalized addresses). */
export async function seedContactBook(db: Pool, userId: string, crmIntegrationId: string, emails: readonly string[]): Promise<void> {
  for (let start = 0; start < emails.length; start += CHUNK) {
    const chunk = emails.slice(start, start + CHUNK);
    const ids = chunk.map(() => randomUUID());
    await db.query(
      `INSERT INTO contacts (id, integration_id, user_id, provider, external_id, email, synced_at)
       SELECT id, $2, $3, 'hubspot', 'hs-' || id, email, now() FROM unnest($1::uuid[], $4::text[]) AS t(id, email)`,
      [ids, crmIntegrationId, userId, chunk],
    );
    await db.query(`INSERT INTO contact_emails (contact_id, email, user_id) SELECT id, email, $3 FROM unnest($1::uuid[], $2::text[]) AS t(id, email)`, [
      ids,
      chunk,
      userId,
    ]);
  }
  await db.query('ANALYZE contacts, contact_emails');
}

/**
 * What the test knows independently of the service, in a schema of its own: every envelope it
 * publishes (with the drop outcome it must get, if any) and every item's participants other than
 * the user. The audit joins the service's tables against these.
 */
export async function recordTruth(db: Pool, workload: ChaosWorkload): Promise<void> {
  await db.query(`CREATE SCHEMA chaos`);
  await db.query(`CREATE TABLE chaos.deliveries (event_id text PRIMARY KEY, external_id text NOT NULL, drop_outcome text)`);
  await db.query(`CREATE TABLE chaos.participants (external_id text NOT NULL, email text NOT NULL)`);
  for (let start = 0; start < workload.deliveries.length; start += CHUNK) {
    const chunk = workload.deliveries.slice(start, start + CHUNK);
    await db.query(`INSERT INTO chaos.deliveries SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`, [
      chunk.map((delivery) => delivery.eventId),
      chunk.map((delivery) => delivery.item.external_id),
      chunk.map((delivery) => delivery.drop ?? null),
    ]);
  }
  for (let start = 0; start < workload.participants.length; start += CHUNK) {
    const chunk = workload.participants.slice(start, start + CHUNK);
    await db.query(`INSERT INTO chaos.participants SELECT * FROM unnest($1::text[], $2::text[])`, [
      chunk.map((participant) => participant.externalId),
      chunk.map((participant) => participant.email),
    ]);
  }
  await db.query(`CREATE INDEX ON chaos.participants (external_id)`);
}
