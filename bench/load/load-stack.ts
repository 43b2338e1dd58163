import { randomBytes, randomUUID } from 'node:crypto';
import { startDevIdentity } from '@sentinel/dev-identity';
import { runMigrations } from '@sentinel/persistence';
import { closedLoopbackPort, deleteRedisPrefix, dropDatabase, postgresUrlFor, quoteIdentifier, TEST_RABBITMQ_URL, TEST_REDIS_URL, withAdminClient } from '@sentinel/testing';
import { deleteBrokerObjects } from '@sentinel/testing-services';
import { Client } from 'pg';
import { IDENTITY_EVENTS_CONSUMER } from '../../apps/identity-bridge/src/identity-events/identity-event.schemas';
import { ATTACHMENTS_QUEUE, CONTACTS_QUEUE, INBOUND_QUEUE, LEDGER_QUEUE } from '../../apps/ingest/src/inbound/inbound.events';
import { RISK_TIMELINE_QUEUE } from '../../apps/risk/src/timeline/timeline-appended.consumer';
import { WEBHOOK_DELIVERY_QUEUE } from '../../apps/risk/src/webhooks/webhook.settings';
import { processDefinitions, stackEnvironment } from '../../tools/scripts/stack-processes';
import { ServiceProcess } from './service-process';

type DevIdentity = Awaited<ReturnType<typeof startDevIdentity>>;

const USER_ID = 'u-load';
/** Every guarded list route the load run reads, granted to its one user. */
const PERMISSIONS = ['crm.messages.view', 'crm.deals.view', 'crm.integrations.view', 'crm.audit.view'];
const SEED = { deals: 20, contactsPerDeal: 3, messages: 100 };
/** Every consumer the four services declare: each queue left behind holds broker file handles. */
const CONSUMERS = [INBOUND_QUEUE, LEDGER_QUEUE, CONTACTS_QUEUE, ATTACHMENTS_QUEUE, RISK_TIMELINE_QUEUE, WEBHOOK_DELIVERY_QUEUE, IDENTITY_EVENTS_CONSUMER];

/**
 * The four services as separate processes on the machine's PostgreSQL, Redis and RabbitMQ, each
 * with the `npm start` environment (tools/scripts/stack-processes.js) but a tenant, database, Redis
 * prefix, events and identity exchanges and ports of the load run's own, and a dev identity
 * in-process. `close()` stops everything and removes all of it.
 */
export class LoadStack {
  readonly tenantId = `load${randomBytes(4).toString('hex')}`;
  readonly databaseName = `sentinel_${this.tenantId}`;
  readonly redisPrefix = `sentinel-load:${this.tenantId}:`;
  readonly eventsExchange = `load.${this.tenantId}.events`;
  readonly identityExchange = `load.${this.tenantId}.identity`;
  readonly services = new Map<string, ServiceProcess>();
  slackSigningSecret = '';
  token = '';
  private identity?: DevIdentity;
  private databaseCreated = false;

  async start(): Promise<void> {
    await withAdminClient((client) => client.query(`CREATE DATABASE ${quoteIdentifier(this.databaseName)}`));
    this.databaseCreated = true;
    const databaseUrl = postgresUrlFor(this.databaseName);
    await runMigrations({ url: databaseUrl });
    await this.seed(databaseUrl);

    this.identity = await startDevIdentity({ tokenTtlSeconds: 3600 });
    await this.identity.createUser({ id: USER_ID, tenants: [{ id: this.tenantId, role: 'member' }] });
    await this.identity.setPolicy({ userId: USER_ID, tenantId: this.tenantId, permissions: PERMISSIONS.map((name) => `tenant.${this.tenantId}.${name}`) });
    this.token = (await this.identity.mintToken({ subject: USER_ID })).token;

    const environment = stackEnvironment({ tenantId: this.tenantId, databaseUrl });
    this.slackSigningSecret = environment.slackSigningSecret;
    for (const definition of processDefinitions(environment).filter((candidate) => candidate.service)) {
      const env = {
        ...definition.env,
        REDIS_URL: TEST_REDIS_URL,
        RABBITMQ_URL: TEST_RABBITMQ_URL,
        REDIS_KEY_PREFIX: this.redisPrefix,
        EVENTS_EXCHANGE: this.eventsExchange,
        IDENTITY_EXCHANGE: this.identityExchange,
        IDENTITY_URL: this.identity.url,
        IDENTITY_ISSUER: this.identity.issuer,
        LOG_LEVEL: process.env.LOAD_LOG_LEVEL ?? 'warn',
        // No provider fakes run here: the seeded Gmail integration only holds messages to read back,
        // and polling it would fail (and log) every interval without changing a figure.
        ...(definition.name === 'ingest' ? { GOOGLE_POLL_INTERVAL_SECONDS: '0' } : {}),
      };
      this.services.set(definition.name, new ServiceProcess(definition.name, await closedLoopbackPort(), env));
    }
    // One at a time: four ts-node boots at once would only slow each other down on a small machine.
    for (const service of this.services.values()) await service.start();
  }

  service(name: string): ServiceProcess {
    const service = this.services.get(name);
    if (!service) throw new Error(`no service ${name} in the load stack`);
    return service;
  }

  async close(): Promise<void> {
    for (const service of this.services.values()) await service.stop().catch((error: unknown) => console.error(`stopping ${service.name}:`, error));
    await this.identity?.close();
    await deleteBrokerObjects(this.tenantId, CONSUMERS, [this.eventsExchange, this.identityExchange]);
    await deleteRedisPrefix(this.redisPrefix);
    if (this.databaseCreated) await withAdminClient((client) => dropDatabase(client, this.databaseName));
  }

  /** A CRM integration with deals and contacts (crm-sync's and risk's lists) and Gmail messages (ingest's list). */
  private async seed(databaseUrl: string): Promise<void> {
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const crm = randomUUID();
      const gmail = randomUUID();
      await db.query(
        `INSERT INTO integrations (id, user_id, provider, status, external_account_id, sync_stage)
         VALUES ($1, $3, 'hubspot', 'connected', 'portal-load', 'incremental_pending'), ($2, $3, 'gmail', 'connected', 'mailbox-load', 'incremental_pending')`,
        [crm, gmail, USER_ID],
      );
      const contactIds: string[] = [];
      for (let deal = 0; deal < SEED.deals; deal++) {
        const dealId = randomUUID();
        await db.query(
          `INSERT INTO deals (id, integration_id, user_id, provider, external_id, name, stage, owner_external_id, synced_at)
           VALUES ($1, $2, $3, 'hubspot', $4, $5, 'proposal', 'hs-owner-1', now())`,
          [dealId, crm, USER_ID, `hs-deal-${deal}`, `Load deal ${deal}`],
        );
        for (let contact = 0; contact < SEED.contactsPerDeal; contact++) {
          const contactId = randomUUID();
          const externalId = `hs-contact-${deal}-${contact}`;
          await db.query(
            `INSERT INTO contacts (id, integration_id, user_id, provider, external_id, email, synced_at) VALUES ($1, $2, $3, 'hubspot', $4, $5, now())`,
            [contactId, crm, USER_ID, externalId, `c${deal}-${contact}@client.load.test`],
          );
          await db.query(`INSERT INTO deal_contacts (deal_id, contact_external_id) VALUES ($1, $2)`, [dealId, externalId]);
          contactIds.push(contactId);
        }
      }
      for (let message = 0; message < SEED.messages; message++) {
        await db.query(
          `INSERT INTO messages (id, user_id, integration_id, source, external_id, body_text, occurred_at, direction, matched_contact_ids, participants_count)
           VALUES ($1, $2, $3, 'gmail', $4, 'body', now() - make_interval(hours => $5), $6, $7, 2)`,
          [randomUUID(), USER_ID, gmail, `gmail-load-${message}`, message, message % 2 === 0 ? 'inbound' : 'outbound', [contactIds[message % contactIds.length]]],
        );
      }
    } finally {
      await db.end();
    }
  }
}
