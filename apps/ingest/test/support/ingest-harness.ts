import { randomBytes, randomUUID } from 'node:crypto';
import { parseKeyRing, SecretEnvelopeCipher } from '@sentinel/crypto';
// Test-only: the Slack fake (a tool) stands in for Slack in-process.
import { type GoogleFake, SlackEventSender, SlackWebApiFake } from '@sentinel/fakes';
import { createTestStack, startTestService, type RunningTestService, type TestStack } from '@sentinel/testing-services';
import { ConsumerHost } from '@sentinel/messaging';
import { TcpFaultProxy, TEST_POSTGRES_ADMIN_URL, TEST_RABBITMQ_URL, waitFor } from '@sentinel/testing';
import { connect, type ChannelModel } from 'amqplib';
import { Client } from 'pg';
import { IngestEnv } from '../../src/ingest.env';
import { ATTACHMENTS_QUEUE, CONTACTS_QUEUE, INBOUND_QUEUE, LEDGER_QUEUE } from '../../src/inbound/inbound.events';
import { IngestService } from '../../src/ingest.service-definition';

export const SIGNING_SECRET = 'test-signing-secret-current';
export const PREVIOUS_SIGNING_SECRET = 'test-signing-secret-previous';

export interface HarnessOptions {
  env?: Record<string, string>;
  /** Rewrites the service's DATABASE_URL (e.g. through a TcpFaultProxy); the harness keeps a direct one. */
  databaseUrl?: (directUrl: string) => string;
}

/** Ingest's Google settings pointed at the fake, with a test client; tests run polls themselves. */
export function googleFakeEnv(google: GoogleFake, client = { id: 'sentinel-test-client', secret: 'sentinel-test-secret' }): Record<string, string> {
  return {
    GOOGLE_API_URL: google.url,
    GOOGLE_TOKEN_URL: google.tokenUrl,
    GOOGLE_AUTHORIZE_URL: google.authorizeUrl,
    GOOGLE_CLIENT_ID: client.id,
    GOOGLE_CLIENT_SECRET: client.secret,
    GOOGLE_POLL_INTERVAL_SECONDS: '0',
  };
}

export interface SlackUserSeed {
  userId: string;
  teamId: string;
  slackUserId: string;
  token: string;
}

/**
 * One tenant's ingest service on the machine's PostgreSQL, Redis and RabbitMQ, with the Slack fake,
 * a Slack-exact event sender, and seeding/inspection helpers over a direct database connection.
 */
export class IngestHarness {
  readonly slack = new SlackWebApiFake();
  readonly encryptionKey = randomBytes(32).toString('base64');
  readonly cipher = new SecretEnvelopeCipher(parseKeyRing(this.encryptionKey));
  stack!: TestStack;
  service!: RunningTestService<IngestEnv>;
  sender!: SlackEventSender;
  db!: Client;
  private broker?: ChannelModel;

  static async start(options: HarnessOptions = {}): Promise<IngestHarness> {
    const harness = new IngestHarness();
    await harness.boot(options);
    return harness;
  }

  /** An ingest service whose DATABASE_URL goes through a fault proxy; the harness keeps a direct connection. */
  static async startBehindDatabaseProxy(env: Record<string, string>): Promise<{ harness: IngestHarness; proxy: TcpFaultProxy }> {
    const admin = new URL(TEST_POSTGRES_ADMIN_URL);
    const proxy = await new TcpFaultProxy(admin.hostname, Number(admin.port || 5432)).start();
    const harness = await IngestHarness.start({
      env,
      databaseUrl: (direct) => {
        const url = new URL(direct);
        url.hostname = '127.0.0.1';
        url.port = String(proxy.port);
        return url.toString();
      },
    });
    return { harness, proxy };
  }

  private async boot(options: HarnessOptions): Promise<void> {
    await this.slack.start();
    this.stack = await createTestStack();
    this.db = new Client({ connectionString: this.stack.database.url });
    await this.db.connect();
    this.service = await startTestService(IngestService, {
      ...this.stack.env,
      DATABASE_URL: options.databaseUrl ? options.databaseUrl(this.stack.database.url) : this.stack.database.url,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_SIGNING_SECRET_PREVIOUS: PREVIOUS_SIGNING_SECRET,
      SLACK_API_URL: this.slack.apiUrl,
      SLACK_AUTHORIZE_URL: this.slack.authorizeUrl,
      INTEGRATION_ENCRYPTION_KEY: this.encryptionKey,
      INGEST_RETRY_BASE_MS: '100',
      INGEST_RETRY_MAX_MS: '400',
      INGEST_MAX_ATTEMPTS: '4',
      INGEST_QUERY_TIMEOUT_MS: '2000',
      ...options.env,
    });
    // The queue and its bindings exist once the consumer is attached; events published earlier would be unroutable.
    await this.service.app.get(ConsumerHost).ready();
    this.sender = new SlackEventSender(`${this.service.url}/slack/events`, SIGNING_SECRET);
  }

  async close(): Promise<void> {
    await this.broker?.close().catch(() => undefined);
    await this.service?.close();
    await this.db?.end();
    await this.stack?.cleanup([INBOUND_QUEUE, LEDGER_QUEUE, CONTACTS_QUEUE, ATTACHMENTS_QUEUE]);
    await this.slack.stop();
  }

  /** A user who connected Slack (bot token encrypted as crm-sync stores tokens) and a CRM. */
  async seedSlackUser(seed: SlackUserSeed): Promise<{ slackIntegrationId: string; crmIntegrationId: string }> {
    this.slack.addToken(seed.token, seed.teamId);
    const slackIntegrationId = await this.insertIntegration(seed.userId, 'slack', `${seed.teamId}:${seed.slackUserId}`, seed.token);
    const crmIntegrationId = await this.insertIntegration(seed.userId, 'hubspot', `portal-${randomUUID()}`, null);
    return { slackIntegrationId, crmIntegrationId };
  }

  async insertIntegration(userId: string, provider: string, externalAccountId: string, token: string | null): Promise<string> {
    const id = randomUUID();
    const accessToken = token === null ? null : this.cipher.encrypt(token, { table: 'integrations', column: 'access_token', rowId: id });
    await this.db.query(
      `INSERT INTO integrations (id, user_id, provider, status, access_token, external_account_id, sync_stage)
       VALUES ($1, $2, $3, 'connected', $4, $5, 'incremental_pending')`,
      [id, userId, provider, accessToken, externalAccountId],
    );
    return id;
  }

  /** A Google integration as the connect flow stores it: an encrypted refresh token, no access token yet. */
  async insertGoogleIntegration(userId: string, provider: 'gmail' | 'calendar', mailbox: string, refreshToken: string): Promise<string> {
    const id = randomUUID();
    const refresh = this.cipher.encrypt(refreshToken, { table: 'integrations', column: 'refresh_token', rowId: id });
    await this.db.query(
      `INSERT INTO integrations (id, user_id, provider, status, refresh_token, external_account_id, sync_stage)
       VALUES ($1, $2, $3, 'connected', $4, $5, 'incremental_pending')`,
      [id, userId, provider, refresh, mailbox],
    );
    return id;
  }

  /** A live contact with its (already normalized) addresses, as crm-sync writes it. */
  async seedContact(userId: string, crmIntegrationId: string, emails: string[]): Promise<string> {
    const id = randomUUID();
    await this.db.query(
      `INSERT INTO contacts (id, integration_id, user_id, provider, external_id, email, additional_emails, synced_at)
       VALUES ($1, $2, $3, 'hubspot', $4, $5, $6, now())`,
      [id, crmIntegrationId, userId, `hs-${id}`, emails[0] ?? null, emails.slice(1)],
    );
    for (const email of emails) {
      await this.db.query(`INSERT INTO contact_emails (contact_id, email, user_id) VALUES ($1, $2, $3)`, [id, email, userId]);
    }
    return id;
  }

  async messages(): Promise<Array<Record<string, unknown>>> {
    const { rows } = await this.db.query(`SELECT * FROM messages ORDER BY created_at, id`);
    return rows;
  }

  async messageCount(): Promise<number> {
    const { rows } = await this.db.query<{ count: string }>(`SELECT count(*) FROM messages`);
    return Number(rows[0]?.count ?? 0);
  }

  async metricsText(): Promise<string> {
    const response = await fetch(`${this.service.url}/metrics`);
    return response.text();
  }

  /** The value of one counter series, matched on the given labels (0 when absent). */
  async counter(name: string, labels: Record<string, string>): Promise<number> {
    const text = await this.metricsText();
    let total = 0;
    for (const line of text.split('\n')) {
      if (!line.startsWith(`${name}{`)) continue;
      if (Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`))) total += Number(line.split(' ').pop());
    }
    return total;
  }

  outcome(outcome: string, source = 'slack'): Promise<number> {
    return this.counter('ingest_outcomes_total', { source, outcome });
  }

  /** Waits until the outcome counter reaches `count`. */
  async waitForOutcome(outcome: string, count: number, timeoutMs = 15_000, source = 'slack'): Promise<void> {
    await waitFor(`${count} x ${outcome}`, async () => (await this.outcome(outcome, source)) >= count, timeoutMs);
  }

  /** A queue bound to this tenant's events of one type, collecting parsed envelopes. */
  async tapEvents(type: string): Promise<Array<{ id: string; data: Record<string, unknown> }>> {
    this.broker ??= await connect(TEST_RABBITMQ_URL);
    const channel = await this.broker.createChannel();
    await channel.assertExchange(this.stack.eventsExchange, 'topic', { durable: true });
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
    await channel.bindQueue(queue, this.stack.eventsExchange, `tenant.${this.stack.tenantId}.${type}`);
    const received: Array<{ id: string; data: Record<string, unknown> }> = [];
    await channel.consume(queue, (message) => {
      if (message) received.push(JSON.parse(message.content.toString('utf8')) as { id: string; data: Record<string, unknown> });
    }, { noAck: true });
    return received;
  }

  /** Publishes an inbound item straight to the tenant's exchange, as a source does. */
  publishItem(item: Record<string, unknown>, id: string = randomUUID()): Promise<void> {
    return this.publishEvent('inbound.item', item, id);
  }

  /** Publishes any event of this tenant (e.g. crm-sync's `contacts.added`). */
  async publishEvent(type: string, data: Record<string, unknown>, id: string = randomUUID()): Promise<void> {
    this.broker ??= await connect(TEST_RABBITMQ_URL);
    const channel = await this.broker.createConfirmChannel();
    const envelope = { id, type, tenant_id: this.stack.tenantId, occurred_at: new Date().toISOString(), data };
    channel.publish(this.stack.eventsExchange, `tenant.${this.stack.tenantId}.${type}`, Buffer.from(JSON.stringify(envelope)), {
      persistent: true,
      contentType: 'application/json',
    });
    await channel.waitForConfirms();
    await channel.close();
  }
}

let sequence = 0;
/** A Slack-shaped, unique message ts and event id. */
export function nextSlackIds(): { ts: string; eventId: string } {
  sequence += 1;
  return { ts: `${1_763_000_000 + sequence}.${String(sequence).padStart(6, '0')}`, eventId: `Ev${Date.now().toString(36).toUpperCase()}${sequence}` };
}
