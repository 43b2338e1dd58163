import { createSignedState, OAuthStateErrorCode } from '@sentinel/crypto';
// Test-only: the HubSpot fake's fixed portal id.
import { HUBSPOT_FAKE_HUB_ID } from '@sentinel/fakes';
import { waitFor } from '@sentinel/testing';
import { CALLBACK_ORIGIN, CrmSyncHttpHarness, STATE_SECRET } from '../support/crm-sync-http.harness';

jest.setTimeout(60_000);

const STATE_COOKIE = 'sentinel_oauth_state';

describe('OAuth connect flow against the provider fakes', () => {
  let harness: CrmSyncHttpHarness;

  beforeAll(async () => {
    harness = await CrmSyncHttpHarness.start();
    await harness.user('user-alice');
    await harness.user('user-bob');
    harness.hubspot.store.seedContacts(3);
    harness.salesforce.store.seedContacts(4);
  });

  afterAll(async () => {
    await harness?.close();
  });

  const aadOf = (id: string, column: string) => ({ table: 'integrations', column, rowId: id });

  it('SEN-ING-08 HubSpot: authorize URL with read-only scopes -> callback -> tokens encrypted per row and column -> first sync ran', async () => {
    const { response, authorizeUrl, state, cookie } = await harness.connect('hubspot', 'user-alice');
    expect(response.status).toBe(200);
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${harness.hubspot.url}/oauth/authorize`);
    expect(Object.fromEntries(authorizeUrl.searchParams)).toEqual({
      client_id: 'hubspot-client',
      redirect_uri: `${CALLBACK_ORIGIN}/oauth/hubspot/callback`,
      scope: 'crm.objects.contacts.read crm.objects.deals.read',
      state,
    });
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(new RegExp(`^${STATE_COOKIE}=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+;`));
    expect(setCookie).toContain('Max-Age=600');
    expect(setCookie).toContain('Path=/oauth');
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).not.toContain('Secure');

    const code = harness.hubspot.tokens.issueAuthorizationCode();
    const callback = await harness.callback('hubspot', { code, state }, cookie);
    expect(callback.status).toBe(200);
    expect(callback.body).toMatchObject({ provider: 'hubspot', status: 'connected', external_account_id: String(HUBSPOT_FAKE_HUB_ID) });
    expect(JSON.stringify(callback.body)).not.toMatch(/token|hubspot-at-|hubspot-rt-/);
    expect(String(callback.headers['set-cookie'])).toMatch(new RegExp(`^${STATE_COOKIE}=;.*Expires=Thu, 01 Jan 1970`));

    const id = callback.body.id as string;
    const row = (await harness.integrationRow(id))!;
    expect(row.user_id).toBe('user-alice');
    for (const column of ['access_token', 'refresh_token']) {
      const sealed = String(row[column]);
      expect(sealed.startsWith('enc:v1:')).toBe(true);
      expect(harness.cipher.decrypt(sealed, aadOf(id, column)).plaintext).toMatch(/^hubspot-(at|rt)-/);
      // Bound to its row and column: the same envelope elsewhere does not decrypt.
      expect(() => harness.cipher.decrypt(sealed, aadOf('00000000-0000-4000-8000-000000000000', column))).toThrow();
      expect(() => harness.cipher.decrypt(sealed, aadOf(id, column === 'access_token' ? 'refresh_token' : 'access_token'))).toThrow();
    }
    // HubSpot's expires_in (1800 s) from now.
    const expiresInMs = (row.token_expires_at as Date).getTime() - Date.now();
    expect(expiresInMs).toBeGreaterThan(1700_000);
    expect(expiresInMs).toBeLessThanOrEqual(1800_000);

    await waitFor('first HubSpot sync', async () => (await harness.integrationRow(id))?.last_synced_at != null, 20_000);
    const synced = (await harness.integrationRow(id))!;
    expect(synced.sync_stage).toBe('incremental_pending');
    expect(synced.last_run_counts).toMatchObject({ fetched: 3, created: 3 });
  });

  it('Salesforce: authorize URL with PKCE S256 -> callback -> issued_at stored, no expiry -> first sync ran', async () => {
    const { response, authorizeUrl, state, cookie } = await harness.connect('salesforce', 'user-alice');
    expect(response.status).toBe(200);
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${harness.salesforce.url}/services/oauth2/authorize`);
    expect(Object.fromEntries(authorizeUrl.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'salesforce-client',
      redirect_uri: `${CALLBACK_ORIGIN}/oauth/salesforce/callback`,
      scope: 'api refresh_token',
      state,
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge_method: 'S256',
    });

    const code = harness.salesforce.tokens.issueAuthorizationCode();
    const before = Date.now();
    const callback = await harness.callback('salesforce', { code, state }, cookie);
    expect(callback.status).toBe(200);
    expect(callback.body).toMatchObject({ provider: 'salesforce', status: 'connected', external_account_id: '00D000000000001EAA' });

    const id = callback.body.id as string;
    const row = (await harness.integrationRow(id))!;
    expect(String(row.access_token).startsWith('enc:v1:')).toBe(true);
    expect(harness.cipher.decrypt(String(row.refresh_token), aadOf(id, 'refresh_token')).plaintext).toMatch(/^salesforce-rt-/);
    // Salesforce sends no expires_in: issued_at plus the fixed window decides freshness.
    expect(row.token_expires_at).toBeNull();
    expect((row.token_issued_at as Date).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row.instance_url).toBe(harness.salesforce.url);

    await waitFor('first Salesforce sync', async () => (await harness.integrationRow(id))?.last_synced_at != null, 20_000);
    expect((await harness.integrationRow(id))!.last_run_counts).toMatchObject({ fetched: 4, created: 4 });
  });

  it('reconnecting the same account reuses the integration (one row per user and account)', async () => {
    const before = await harness.integrationCount();
    const { state, cookie } = await harness.connect('hubspot', 'user-alice');
    const callback = await harness.callback('hubspot', { code: harness.hubspot.tokens.issueAuthorizationCode(), state }, cookie);
    expect(callback.status).toBe(200);
    expect(await harness.integrationCount()).toBe(before);
    const row = (await harness.integrationRow(callback.body.id as string))!;
    expect(harness.cipher.decrypt(String(row.access_token), aadOf(String(row.id), 'access_token')).plaintext).toMatch(/^hubspot-at-/);
  });

  describe('a callback whose state does not hold is a 400 and stores nothing', () => {
    const cookieOf = (value: string) => `${STATE_COOKIE}=${value}`;
    const signed = (input: { userId: string; provider: string }, options: { secret?: string; issuedSecondsAgo?: number; ttlSeconds?: number } = {}) =>
      createSignedState(input, {
        secret: options.secret ?? STATE_SECRET,
        ttlSeconds: options.ttlSeconds ?? 600,
        now: new Date(Date.now() - (options.issuedSecondsAgo ?? 0) * 1000),
      });
    const editSub = (cookieValue: string, sub: string) => {
      const [segment, signature] = cookieValue.split('.');
      const payload = JSON.parse(Buffer.from(segment!, 'base64url').toString('utf8')) as Record<string, unknown>;
      return `${Buffer.from(JSON.stringify({ ...payload, sub })).toString('base64url')}.${signature}`;
    };

    type Case = [label: string, provider: string, build: () => Promise<{ state?: string; cookie?: string }>, error: OAuthStateErrorCode];
    const cases: Case[] = [
      ['forged (signed with another secret)', 'hubspot', async () => {
        const state = signed({ userId: 'user-bob', provider: 'hubspot' }, { secret: `${STATE_SECRET}-attacker` });
        return { state: state.stateParam, cookie: cookieOf(state.cookieValue) };
      }, OAuthStateErrorCode.Forged],
      ['user swapped inside the cookie', 'hubspot', async () => {
        const { state, cookie } = await harness.connect('hubspot', 'user-bob');
        return { state, cookie: cookieOf(editSub(cookie.split('=')[1]!, 'user-alice')) };
      }, OAuthStateErrorCode.Forged],
      ['expired', 'hubspot', async () => {
        const state = signed({ userId: 'user-bob', provider: 'hubspot' }, { issuedSecondsAgo: 120, ttlSeconds: 60 });
        return { state: state.stateParam, cookie: cookieOf(state.cookieValue) };
      }, OAuthStateErrorCode.Expired],
      ["another user's state parameter with this cookie (login swap)", 'hubspot', async () => {
        const alice = await harness.connect('hubspot', 'user-alice');
        const bob = await harness.connect('hubspot', 'user-bob');
        return { state: alice.state, cookie: bob.cookie };
      }, OAuthStateErrorCode.Mismatch],
      ['a HubSpot flow completed on the Salesforce callback', 'salesforce', async () => {
        const { state, cookie } = await harness.connect('hubspot', 'user-bob');
        return { state, cookie };
      }, OAuthStateErrorCode.Mismatch],
      ['no cookie', 'hubspot', async () => ({ state: (await harness.connect('hubspot', 'user-bob')).state }), OAuthStateErrorCode.Missing],
      ['no state parameter', 'hubspot', async () => ({ cookie: (await harness.connect('hubspot', 'user-bob')).cookie }), OAuthStateErrorCode.Missing],
      ['a malformed cookie', 'hubspot', async () => ({ state: 'abc', cookie: cookieOf('not-a-signed-state') }), OAuthStateErrorCode.Malformed],
    ];

    it.each(cases)('%s', async (_label, provider, build, error) => {
      const integrations = await harness.integrationCount();
      const exchanges = harness.hubspot.requestCount('oauth.token') + harness.salesforce.requestCount('oauth.token');
      const { state, cookie } = await build();
      const fake = provider === 'hubspot' ? harness.hubspot : harness.salesforce;
      const query: Record<string, string> = { code: fake.tokens.issueAuthorizationCode(), ...(state !== undefined && { state }) };

      const response = await harness.callback(provider, query, cookie);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error, message: expect.stringContaining(error) });
      expect(await harness.integrationCount()).toBe(integrations);
      expect(harness.hubspot.requestCount('oauth.token') + harness.salesforce.requestCount('oauth.token')).toBe(exchanges);
    });
  });

  it('a declined consent (error=access_denied) is a 400 oauth_denied and stores nothing', async () => {
    const integrations = await harness.integrationCount();
    const { state, cookie } = await harness.connect('hubspot', 'user-bob');
    const response = await harness.callback('hubspot', { error: 'access_denied', state }, cookie);
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('oauth_denied');
    expect(await harness.integrationCount()).toBe(integrations);
  });

  it('a code the provider refuses is a 400 oauth_exchange_failed and stores nothing', async () => {
    const integrations = await harness.integrationCount();
    const { state, cookie } = await harness.connect('salesforce', 'user-bob');
    const response = await harness.callback('salesforce', { code: 'salesforce-code-unknown', state }, cookie);
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('oauth_exchange_failed');
    expect(await harness.integrationCount()).toBe(integrations);
  });

  it('an unknown provider is a 400 on connect and callback', async () => {
    const connect = await harness.http().post('/integrations/pipedrive/connect').set('Authorization', await harness.bearer('user-alice'));
    expect(connect.status).toBe(400);
    expect((await harness.callback('pipedrive', { code: 'x', state: 'y' })).status).toBe(400);
  });
});
