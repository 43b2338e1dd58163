// Test-only: the dev identity (a tool app) stands in for the external identity service in-process.
import { startDevIdentity, type DevIdentityHandle } from '@sentinel/dev-identity';
// Test-only: the provider fakes (a tool) stand in for HubSpot and Salesforce in-process.
import { HubSpotFake, SalesforceFake } from '@sentinel/fakes';
import { parseKeyRing, SecretEnvelopeCipher } from '@sentinel/crypto';
import { createTestStack, startTestService, type RunningTestService, type TestStack } from '@sentinel/testing-services';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { CrmSyncEnv } from '../../src/crm-sync.env';
import { CrmSyncService } from '../../src/crm-sync.service-definition';

export const STATE_SECRET = 'test-oauth-state-secret-0123456789abcdef';
export const CALLBACK_ORIGIN = 'http://app.sentinel.test';
const ALL_PERMISSIONS = ['crm.integrations.view', 'crm.integrations.manage', 'crm.integrations.sync', 'crm.contacts.view'];

/**
 * crm-sync on the machine's PostgreSQL, Redis and RabbitMQ, the dev identity for bearer tokens and
 * both provider fakes as OAuth and API servers; the scheduler is off so only the flows under test sync.
 */
export class CrmSyncHttpHarness {
  readonly hubspot = new HubSpotFake();
  readonly salesforce = new SalesforceFake();
  readonly encryptionKey = randomBytes(32).toString('base64');
  readonly cipher = new SecretEnvelopeCipher(parseKeyRing(this.encryptionKey));
  identity!: DevIdentityHandle;
  stack!: TestStack;
  service!: RunningTestService<CrmSyncEnv>;
  db!: Client;

  static async start(): Promise<CrmSyncHttpHarness> {
    const harness = new CrmSyncHttpHarness();
    await harness.boot();
    return harness;
  }

  private async boot(): Promise<void> {
    await Promise.all([this.hubspot.start(), this.salesforce.start()]);
    this.identity = await startDevIdentity({});
    this.stack = await createTestStack();
    this.db = new Client({ connectionString: this.stack.database.url });
    await this.db.connect();
    this.service = await startTestService(CrmSyncService, {
      ...this.stack.env,
      ...this.identity.serviceEnv,
      CRM_SYNC_INTERVAL_SECONDS: '0',
      INTEGRATION_ENCRYPTION_KEY: this.encryptionKey,
      HUBSPOT_API_URL: this.hubspot.url,
      HUBSPOT_AUTHORIZE_URL: `${this.hubspot.url}/oauth/authorize`,
      HUBSPOT_CLIENT_ID: 'hubspot-client',
      HUBSPOT_CLIENT_SECRET: 'hubspot-secret',
      SALESFORCE_LOGIN_URL: this.salesforce.url,
      SALESFORCE_CLIENT_ID: 'salesforce-client',
      SALESFORCE_CLIENT_SECRET: 'salesforce-secret',
      OAUTH_STATE_SECRET: STATE_SECRET,
      OAUTH_CALLBACK_ORIGIN: CALLBACK_ORIGIN,
      OAUTH_COOKIE_SECURE: 'false',
    });
  }

  async close(): Promise<void> {
    await this.service?.close();
    await this.db?.end();
    await this.stack?.cleanup();
    await this.identity?.close();
    await Promise.all([this.hubspot.stop(), this.salesforce.stop()]);
  }

  /** A tenant member holding `permissions` (short names). */
  async user(id: string, permissions: string[] = ALL_PERMISSIONS): Promise<void> {
    const tenant = this.stack.tenantId;
    await this.identity.createUser({ id, tenants: [{ id: tenant, role: 'member' }] });
    await this.identity.setPolicy({ userId: id, tenantId: tenant, permissions: permissions.map((name) => `tenant.${tenant}.${name}`) });
  }

  async bearer(subject: string): Promise<string> {
    return `Bearer ${(await this.identity.mintToken({ subject })).token}`;
  }

  http(): ReturnType<typeof request> {
    return request(this.service.url);
  }

  async get(path: string, subject: string): Promise<request.Response> {
    return this.http().get(path).set('Authorization', await this.bearer(subject));
  }

  /** `POST /integrations/{provider}/connect`: the authorize URL, its state parameter and the cookie pair to send back. */
  async connect(provider: 'hubspot' | 'salesforce', subject: string): Promise<{ response: request.Response; authorizeUrl: URL; state: string; cookie: string }> {
    const response = await this.http().post(`/integrations/${provider}/connect`).set('Authorization', await this.bearer(subject));
    const authorizeUrl = new URL(response.body.authorize_url as string);
    const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    return { response, authorizeUrl, state: authorizeUrl.searchParams.get('state') ?? '', cookie: setCookie[0]?.split(';')[0] ?? '' };
  }

  /** The browser's return from the provider: no bearer token, the state cookie if any. */
  callback(provider: string, query: Record<string, string>, cookie?: string): request.Test {
    const test = this.http().get(`/oauth/${provider}/callback`).query(query);
    return cookie ? test.set('Cookie', cookie) : test;
  }

  async integrationRow(id: string): Promise<Record<string, unknown> | undefined> {
    const { rows } = await this.db.query(`SELECT * FROM integrations WHERE id = $1`, [id]);
    return rows[0];
  }

  async integrationCount(): Promise<number> {
    const { rows } = await this.db.query<{ count: string }>(`SELECT count(*) FROM integrations`);
    return Number(rows[0]?.count ?? 0);
  }
}
