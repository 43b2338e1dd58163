// Test-only: the dev identity (a tool app) stands in for the external identity service in-process.
import { startDevIdentity, type DevIdentityHandle } from '@sentinel/dev-identity';
import { createSignedState } from '@sentinel/crypto';
// Test-only: the Google fake (a tool) stands in for Google's consent page, token endpoint and APIs.
import { GoogleFake } from '@sentinel/fakes';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { GoogleSourcePoller } from '../src/sources/google-source.poller';
import { googleFakeEnv, IngestHarness } from './support/ingest-harness';

jest.setTimeout(90_000);

const ORIGIN = 'https://ingest.sentinel.test';
const STATE_SECRET = randomBytes(32).toString('hex');
const OLGA = 'user-olga';
const MALLORY = 'user-mallory';
const MAILBOX = 'olga@ours.com';
const ALIAS = 'Olga.Sales@Ours.com';
const TEAM = 'T0OURS';
const aad = (id: string, column: string) => ({ table: 'integrations', column, rowId: id });

describe('Gmail, Calendar and Slack OAuth connect flows against the fakes', () => {
  const google = new GoogleFake();
  let identity: DevIdentityHandle;
  let harness: IngestHarness;

  beforeAll(async () => {
    await google.start();
    identity = await startDevIdentity({});
    harness = await IngestHarness.start({
      env: {
        ...identity.serviceEnv,
        ...googleFakeEnv(google, { id: 'google-client', secret: 'google-secret' }),
        SLACK_CLIENT_ID: 'slack-client',
        SLACK_CLIENT_SECRET: 'slack-secret',
        OAUTH_STATE_SECRET: STATE_SECRET,
        OAUTH_CALLBACK_ORIGIN: ORIGIN,
        OAUTH_COOKIE_SECURE: 'false',
      },
    });
    harness.slack.setInstaller({ teamId: TEAM, userId: 'UOLGA' });
    harness.slack.addUser({ id: 'UOLGA', email: 'Olga@Ours.com' });
    const tenant = harness.stack.tenantId;
    for (const [user, permissions] of [[OLGA, ['crm.integrations.manage']], [MALLORY, []]] as const) {
      await identity.createUser({ id: user, tenants: [{ id: tenant, role: 'member' }] });
      await identity.setPolicy({ userId: user, tenantId: tenant, permissions: permissions.map((name) => `tenant.${tenant}.${name}`) });
    }
  });

  afterAll(async () => {
    await harness?.close();
    await identity?.close();
    await google.stop();
  });

  const bearer = async (subject: string) => `Bearer ${(await identity.mintToken({ subject })).token}`;

  /** `GET /oauth/<provider>/connect` as the signed-in user: the consent URL, its state and the cookie. */
  async function connect(provider: string, subject = OLGA) {
    const response = await request(harness.service.url).get(`/oauth/${provider}/connect`).set('Authorization', await bearer(subject));
    const authorizeUrl = new URL(String(response.headers.location ?? 'http://none.invalid'));
    const cookie = String(response.headers['set-cookie'] ?? '').split(';')[0] ?? '';
    return { response, authorizeUrl, state: authorizeUrl.searchParams.get('state') ?? '', cookie };
  }

  /** The browser at the consent page (approved at once), then back at our callback with the cookie. */
  async function consentAndReturn(authorizeUrl: URL, cookie: string, tweak: (url: URL) => void = () => undefined) {
    tweak(authorizeUrl);
    const consent = await fetch(authorizeUrl, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    const back = new URL(String(consent.headers.get('location')));
    expect(back.origin + back.pathname).toMatch(new RegExp(`^${ORIGIN}/oauth/(gmail|calendar|slack)/callback$`));
    return request(harness.service.url).get(`${back.pathname}${back.search}`).set('Cookie', cookie);
  }

  const row = async (id: string) => (await harness.db.query(`SELECT * FROM integrations WHERE id = $1`, [id])).rows[0] as Record<string, unknown> | undefined;
  const integrationCount = async () => Number((await harness.db.query(`SELECT count(*) FROM integrations`)).rows[0]?.count);

  it('SEN-ING-18 Gmail: read-only scope, offline access; tokens sealed per row and column; primary and accepted aliases recorded; audited; first poll self-excludes via an alias', async () => {
    const mailbox = google.mailbox(MAILBOX);
    mailbox.addAlias(ALIAS);
    mailbox.addAlias('pending@ours.com', 'pending');
    const crm = await harness.insertIntegration(OLGA, 'hubspot', `portal-${randomUUID()}`, null);
    await harness.seedContact(OLGA, crm, ['pat@client.com']);
    mailbox.add({ from: 'pat@client.com', to: [MAILBOX], subject: 'Renewal', text: 'hi' });
    mailbox.add({ from: ALIAS, to: [MAILBOX], subject: 'Note to self', text: 'only me' });

    const { response, authorizeUrl, state, cookie } = await connect('gmail');
    expect(response.status).toBe(302);
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(google.authorizeUrl);
    expect(Object.fromEntries(authorizeUrl.searchParams)).toEqual({
      client_id: 'google-client',
      redirect_uri: `${ORIGIN}/oauth/gmail/callback`,
      response_type: 'code',
      scope: 'https://www.googleapis.com/auth/gmail.readonly',
      access_type: 'offline',
      prompt: 'consent',
      include_granted_scopes: 'false',
      state,
    });
    expect(cookie).toMatch(/^sentinel_oauth_state=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(String(response.headers['set-cookie'])).toMatch(/HttpOnly/);
    expect(String(response.headers['set-cookie'])).toMatch(/Path=\/oauth/);

    const callback = await consentAndReturn(authorizeUrl, cookie, (url) => url.searchParams.set('login_hint', MAILBOX));
    expect(callback.status).toBe(200);
    expect(callback.body).toEqual({ id: expect.any(String), provider: 'gmail', status: 'connected' });
    expect(String(callback.headers['set-cookie'])).toMatch(/^sentinel_oauth_state=;.*Expires=Thu, 01 Jan 1970/);

    const id = callback.body.id as string;
    const stored = (await row(id))!;
    expect(stored).toMatchObject({ user_id: OLGA, provider: 'gmail', status: 'connected', external_account_id: MAILBOX });
    expect(stored.self_addresses).toEqual([MAILBOX, 'olga.sales@ours.com']);
    for (const [column, prefix] of [['access_token', 'google-at-'], ['refresh_token', 'google-rt-']] as const) {
      const sealed = String(stored[column]);
      expect(sealed).toMatch(/^enc:v1:/);
      expect(sealed).not.toContain(prefix);
      expect(harness.cipher.decrypt(sealed, aad(id, column)).plaintext).toMatch(new RegExp(`^${prefix}`));
      expect(() => harness.cipher.decrypt(sealed, aad(randomUUID(), column))).toThrow();
    }
    const expiresInMs = (stored.token_expires_at as Date).getTime() - Date.now();
    expect(expiresInMs).toBeGreaterThan(3_000_000);
    expect(expiresInMs).toBeLessThanOrEqual(3_599_000);
    const audit = await harness.db.query(`SELECT actor_user_id, subject_id, properties FROM activity_log WHERE event = 'integration.connected'`);
    expect(audit.rows).toEqual([expect.objectContaining({ actor_user_id: OLGA, subject_id: id, properties: { provider: 'gmail' } })]);

    // The callback started the first poll: the contact's mail passes, the alias-only note is the user's own.
    await harness.waitForOutcome('passed', 1, 20_000, 'gmail');
    await harness.waitForOutcome('dropped_self_user', 1, 20_000, 'gmail');

    // Reconnecting the same mailbox reuses the row.
    const again = await connect('gmail');
    const second = await consentAndReturn(again.authorizeUrl, again.cookie, (url) => url.searchParams.set('login_hint', MAILBOX));
    expect(second.body.id).toBe(id);
  });

  it('refreshes an expired Google access token through the shared token client and stores the new one sealed', async () => {
    const poller = harness.service.app.get(GoogleSourcePoller);
    // The reconnect above started a round of its own; this test's round must start after it.
    await poller.pollAll();
    const { rows } = await harness.db.query(`SELECT id, access_token FROM integrations WHERE provider = 'gmail' AND external_account_id = $1`, [MAILBOX]);
    const { id, access_token: previous } = rows[0] as { id: string; access_token: string };
    await harness.db.query(`UPDATE integrations SET token_expires_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    const refreshesBefore = google.requestCount('oauth.token');
    await poller.pollAll();
    expect(google.requestCount('oauth.token')).toBe(refreshesBefore + 1);
    const stored = (await row(id))!;
    expect(stored.access_token).not.toBe(previous);
    expect(harness.cipher.decrypt(String(stored.access_token), aad(id, 'access_token')).plaintext).toMatch(/^google-at-/);
    expect((stored.token_expires_at as Date).getTime()).toBeGreaterThan(Date.now() + 3_000_000);
  });

  it('SEN-ING-18 Calendar: calendar.readonly only; the primary calendar names the address recorded', async () => {
    const { authorizeUrl, cookie } = await connect('calendar');
    expect(authorizeUrl.searchParams.get('scope')).toBe('https://www.googleapis.com/auth/calendar.readonly');
    const callback = await consentAndReturn(authorizeUrl, cookie, (url) => url.searchParams.set('login_hint', MAILBOX));
    expect(callback.status).toBe(200);
    expect(await row(callback.body.id as string)).toMatchObject({ provider: 'calendar', external_account_id: MAILBOX, self_addresses: [MAILBOX] });
  });

  it('SEN-ING-18 Slack: read-only bot scopes, bot token from oauth.v2.access sealed, the installing user and their email recorded', async () => {
    const { authorizeUrl, state, cookie } = await connect('slack');
    expect(authorizeUrl.origin + authorizeUrl.pathname).toBe(harness.slack.authorizeUrl);
    const scopes = (authorizeUrl.searchParams.get('scope') ?? '').split(',');
    expect(scopes).toEqual(['channels:history', 'groups:history', 'im:history', 'mpim:history', 'channels:read', 'groups:read', 'users:read', 'users:read.email']);
    expect(scopes.some((scope) => /write|chat:|admin|manage/.test(scope))).toBe(false);
    expect(authorizeUrl.searchParams.get('state')).toBe(state);

    const callback = await consentAndReturn(authorizeUrl, cookie);
    expect(callback.status).toBe(200);
    const id = callback.body.id as string;
    const stored = (await row(id))!;
    expect(stored).toMatchObject({ provider: 'slack', external_account_id: `${TEAM}:UOLGA`, self_addresses: ['olga@ours.com'], refresh_token: null, token_expires_at: null });
    expect(harness.cipher.decrypt(String(stored.access_token), aad(id, 'access_token')).plaintext).toMatch(new RegExp(`^xoxb-${TEAM}-`));
  });

  it('SEN-ING-18 refuses a grant that lacks the read-only scope it asked for (the user unticked it) and stores nothing', async () => {
    const before = await integrationCount();
    const { authorizeUrl, cookie } = await connect('gmail');
    const callback = await consentAndReturn(authorizeUrl, cookie, (url) => {
      url.searchParams.set('login_hint', 'other@ours.com');
      url.searchParams.set('scope', 'openid');
    });
    expect(callback.status).toBe(400);
    expect(callback.body).toMatchObject({ error: 'oauth_scope_missing' });
    expect(await integrationCount()).toBe(before);
  });

  it('SEN-ING-17 refuses a forged, expired, missing or mismatched state with 400 before any code exchange, and stores nothing', async () => {
    const before = await integrationCount();
    const exchangesBefore = google.requestCount('oauth.token');
    const { state, cookie } = await connect('gmail');
    const code = google.issueAuthorizationCode(MAILBOX);
    const callback = (path: string, cookieHeader?: string) => {
      const call = request(harness.service.url).get(path);
      return cookieHeader === undefined ? call : call.set('Cookie', cookieHeader);
    };
    const forged = createSignedState({ userId: OLGA, provider: 'gmail' }, { secret: randomBytes(32).toString('hex'), ttlSeconds: 600, now: new Date() });
    const expired = createSignedState({ userId: OLGA, provider: 'gmail' }, { secret: STATE_SECRET, ttlSeconds: 60, now: new Date(Date.now() - 120_000) });
    const cases: Array<[string, string, string | undefined, string]> = [
      ['forged', `/oauth/gmail/callback?code=${code}&state=${forged.stateParam}`, `sentinel_oauth_state=${forged.cookieValue}`, 'state_forged'],
      ['expired', `/oauth/gmail/callback?code=${code}&state=${expired.stateParam}`, `sentinel_oauth_state=${expired.cookieValue}`, 'state_expired'],
      ['no cookie', `/oauth/gmail/callback?code=${code}&state=${state}`, undefined, 'state_missing'],
      ['no state parameter', `/oauth/gmail/callback?code=${code}`, cookie, 'state_missing'],
      ['another flow\'s state', `/oauth/gmail/callback?code=${code}&state=${forged.stateParam}`, cookie, 'state_mismatch'],
      ['another provider', `/oauth/calendar/callback?code=${code}&state=${state}`, cookie, 'state_mismatch'],
    ];
    for (const [label, path, cookieHeader, error] of cases) {
      const answer = await callback(path, cookieHeader);
      expect({ label, status: answer.status, error: answer.body.error }).toEqual({ label, status: 400, error });
    }
    expect(google.requestCount('oauth.token')).toBe(exchangesBefore);
    expect(await integrationCount()).toBe(before);
  });

  it('answers 503 when Google cannot be reached and 400 when a code is replayed; neither stores anything', async () => {
    const before = await integrationCount();
    google.injectFault({ route: 'oauth.token', status: 503, times: 1 });
    const unavailable = await connect('gmail');
    const refused = await consentAndReturn(unavailable.authorizeUrl, unavailable.cookie, (url) => url.searchParams.set('login_hint', 'down@ours.com'));
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ error: 'provider_unavailable' });

    const slack = await connect('slack');
    const consent = await fetch(slack.authorizeUrl, { redirect: 'manual' });
    const back = new URL(String(consent.headers.get('location')));
    const first = await request(harness.service.url).get(`${back.pathname}${back.search}`).set('Cookie', slack.cookie);
    expect(first.status).toBe(200);
    const replay = await connect('slack');
    back.searchParams.set('state', replay.state);
    const replayed = await request(harness.service.url).get(`${back.pathname}${back.search}`).set('Cookie', replay.cookie);
    expect(replayed.status).toBe(400);
    expect(replayed.body).toMatchObject({ error: 'oauth_exchange_failed' });
    // The Slack connection already existed (same workspace and user): reconnecting reused its row.
    expect(await integrationCount()).toBe(before);
  });

  it('connect is permission-checked: 401 without a token, 403 without crm.integrations.manage, 400 for an unknown provider', async () => {
    expect((await request(harness.service.url).get('/oauth/gmail/connect')).status).toBe(401);
    const denied = await connect('gmail', MALLORY);
    expect(denied.response.status).toBe(403);
    expect(denied.response.headers['set-cookie']).toBeUndefined();
    expect((await connect('hubspot')).response.status).toBe(400);
  });
});
