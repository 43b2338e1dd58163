import { createHash } from 'node:crypto';
import { closedLoopbackPort, TcpFaultProxy } from '@sentinel/testing';
import request from 'supertest';
import { createAuthFixture, type AuthFixture } from './support/auth-test.fixture';
import { counterValue, type GuardedTestApp } from './support/guarded-test.app';
import { publicKeyHmacToken, tamperedSignature, unsignedToken } from './support/hostile-tokens';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

describe('layer 1: token validation (real Redis, dev identity)', () => {
  let fx: AuthFixture;
  let app: GuardedTestApp;
  let view: string;

  beforeAll(async () => {
    fx = await createAuthFixture();
    view = `tenant.${fx.tenantId}.crm.contacts.view`;
    await fx.identity.createUser({ id: 'u-alice', tenants: [{ id: fx.tenantId, role: 'member' }] });
    await fx.identity.setPolicy({ userId: 'u-alice', tenantId: fx.tenantId, permissions: [view] });
    await fx.identity.createUser({ id: 'u-other', tenants: [{ id: fx.otherTenantId, role: 'member' }] });
    app = await fx.startApp();
  });

  afterAll(() => fx?.close());

  afterEach(() => fx.identity.setFaultMode({ mode: 'normal' }));

  const mint = async (input: Parameters<AuthFixture['identity']['mintToken']>[0]) => (await fx.identity.mintToken(input)).token;
  const getContacts = (token: string, target = app) => request(target.url).get('/contacts').set('Authorization', `Bearer ${token}`);

  it('admits a valid token with a granting policy', async () => {
    const response = await getContacts(await mint({ subject: 'u-alice' }));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ userId: 'u-alice' });
  });

  describe('hostile tokens: each refused with its status, never a 5xx', () => {
    const cases: [string, number, string | null, () => Promise<{ header?: string; cookie?: string; query?: string }>][] = [
      ['alg: none', 401, 'token_invalid', async () => ({ header: `Bearer ${unsignedToken(fx.identity, 'u-alice', fx.tenantId)}` })],
      ['HS256 signed with the public key', 401, 'token_invalid', async () => ({ header: `Bearer ${await publicKeyHmacToken(fx.identity, 'u-alice', fx.tenantId)}` })],
      ['expired', 401, 'token_invalid', async () => ({ header: `Bearer ${await mint({ subject: 'u-alice', ttlSeconds: -60 })}` })],
      ['not yet valid', 401, 'token_invalid', async () => ({ header: `Bearer ${await mint({ subject: 'u-alice', notBeforeSeconds: 120 })}` })],
      ['wrong issuer', 401, 'token_invalid', async () => ({ header: `Bearer ${await mint({ subject: 'u-alice', claims: { iss: 'https://evil.example' } })}` })],
      ['wrong audience', 401, 'token_invalid', async () => ({ header: `Bearer ${await mint({ subject: 'u-alice', claims: { aud: 'someone-else' } })}` })],
      ['wrong typ', 401, 'token_invalid', async () => ({ header: `Bearer ${await mint({ subject: 'u-alice', header: { typ: 'JWT' } })}` })],
      ['unknown kid', 401, 'token_invalid', async () => ({ header: `Bearer ${await mint({ subject: 'u-alice', header: { kid: 'no-such-key' } })}` })],
      ['truncated', 401, 'token_invalid', async () => ({ header: `Bearer ${(await mint({ subject: 'u-alice' })).slice(0, -12)}` })],
      ['non-JWT', 401, 'token_invalid', async () => ({ header: 'Bearer not-a-jwt-at-all' })],
      ['not a Bearer header', 401, 'token_invalid', async () => ({ header: `Basic ${Buffer.from('a:b').toString('base64')}` })],
      ['a 10 KB token (over our 8 KB cap)', 401, 'token_invalid', async () => ({ header: `Bearer ${'a'.repeat(10 * 1024)}` })],
      // Node's HTTP parser refuses ~16 KB of headers before any application code runs.
      ['a 16 KB token', 431, null, async () => ({ header: `Bearer ${'a'.repeat(16 * 1024)}` })],
      ['missing tenants', 401, 'token_invalid', async () => ({ header: `Bearer ${await mint({ subject: 'u-alice', omitClaims: ['tenants'] })}` })],
      ['another tenant only', 403, 'tenant_not_a_member', async () => ({ header: `Bearer ${await mint({ subject: 'u-other' })}` })],
      ['legacy shape after the cutoff', 401, 'token_shape_legacy', async () => ({ header: `Bearer ${await mint({ subject: 'u-alice', legacyTenantId: fx.tenantId })}` })],
      ['subject unknown to identity', 401, 'token_invalid', async () => ({ header: `Bearer ${await mint({ subject: 'u-ghost' })}` })],
      ['a valid token in a cookie only', 401, 'token_missing', async () => ({ cookie: `access_token=${await mint({ subject: 'u-alice' })}` })],
      ['a valid token in the query string only', 401, 'token_missing', async () => ({ query: `access_token=${await mint({ subject: 'u-alice' })}` })],
    ];

    it.each(cases)('SEN-TOK-01 SEN-TOK-03 SEN-TOK-04 SEN-TOK-05 %s -> %i %s', async (_name, status, error, build) => {
      const { header, cookie, query } = await build();
      let call = request(app.url).get(query ? `/contacts?${query}` : '/contacts');
      if (header) call = call.set('Authorization', header);
      if (cookie) call = call.set('Cookie', cookie);
      const response = await call;
      expect(response.status).toBe(status);
      if (error !== null) expect(response.body).toEqual({ error, message: expect.any(String) });
      if (status === 401) expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    });

    it('an X-Tenant-Id header naming another tenant changes nothing for a member of ours', async () => {
      const response = await getContacts(await mint({ subject: 'u-alice' })).set('X-Tenant-Id', fx.otherTenantId);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ userId: 'u-alice' });
    });

    it('SEN-TEN-01 an X-Tenant-Id header naming our tenant does not admit a member of another tenant', async () => {
      const response = await getContacts(await mint({ subject: 'u-other' })).set('X-Tenant-Id', fx.tenantId);
      expect(response.status).toBe(403);
      expect(response.body.error).toBe('tenant_not_a_member');
    });

    it('a token in the query string next to a valid header changes nothing', async () => {
      const token = await mint({ subject: 'u-alice' });
      const response = await request(app.url).get('/contacts?access_token=garbage').set('Authorization', `Bearer ${token}`);
      expect(response.status).toBe(200);
    });
  });

  describe('network behaviour of local verification', () => {
    it('SEN-TOK-02 never calls identity for a bad signature once the key set is known', async () => {
      const token = await mint({ subject: 'u-alice' });
      await getContacts(token).expect(200);
      await fx.identity.resetStats();
      const response = await getContacts(tamperedSignature(token));
      expect(response.status).toBe(401);
      expect((await fx.identity.stats()).total).toBe(0);
    });

    it('refetches the key set at most once per cooldown for unknown kids', async () => {
      await getContacts(await mint({ subject: 'u-alice' })).expect(200);
      await fx.identity.resetStats();
      for (let i = 0; i < 5; i++) {
        await getContacts(await mint({ subject: 'u-alice', header: { kid: `forged-${i}` } })).expect(401);
      }
      const { calls } = await fx.identity.stats();
      expect(calls['/.well-known/jwks.json']).toBeLessThanOrEqual(1);
      expect(calls['/api/user']).toBe(0);
    });

    it('answers 503 with Retry-After when the key set fetch times out', async () => {
      const identityPort = Number(new URL(fx.identity.url).port);
      const proxy = await new TcpFaultProxy('127.0.0.1', identityPort).start();
      proxy.setMode('stall');
      try {
        const stalled = await fx.startApp({ jwksUrl: `http://127.0.0.1:${proxy.port}/.well-known/jwks.json`, identityTimeoutMs: 300 });
        const response = await getContacts(await mint({ subject: 'u-alice' }), stalled);
        expect(response.status).toBe(503);
        expect(response.body.error).toBe('identity_unavailable');
        expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      } finally {
        await proxy.stop();
      }
    });

    it('answers 503, not 401, when the key set answers 503', async () => {
      const cold = await fx.startApp();
      await fx.identity.setFaultMode({ mode: 'jwks_unavailable' });
      const response = await getContacts(await mint({ subject: 'u-alice' }), cold);
      expect(response.status).toBe(503);
      expect(response.body.error).toBe('identity_unavailable');
    });
  });

  describe('identity outages are 503, never 401', () => {
    it.each([
      ['unavailable (503)', { mode: 'unavailable' as const }],
      ['hanging past the timeout', { mode: 'hang' as const }],
    ])('SEN-TOK-06 identity %s', async (_name, fault) => {
      await getContacts(await mint({ subject: 'u-alice' })).expect(200);
      const fresh = await mint({ subject: 'u-alice' });
      await fx.identity.setFaultMode(fault);
      const response = await getContacts(fresh);
      expect(response.status).toBe(503);
      expect(response.body).toEqual({ error: 'identity_unavailable', message: expect.any(String) });
      expect(response.headers['retry-after']).toBe('5');
      expect(response.headers['www-authenticate']).toBeUndefined();
    });

    it('identity refusing connections', async () => {
      const warm = await fx.startApp();
      await getContacts(await mint({ subject: 'u-alice' }), warm).expect(200);
      const refused = await fx.startApp({ identityUrl: `http://127.0.0.1:${await closedLoopbackPort()}` });
      const response = await getContacts(await mint({ subject: 'u-alice' }), refused);
      expect(response.status).toBe(503);
      expect(response.body.error).toBe('identity_unavailable');
    });
  });

  describe('identity payload cache', () => {
    it('stores identity.user:{sha256(token)} for 60 s and policies for 1 h, with no identity call on a hit', async () => {
      const token = await mint({ subject: 'u-alice', ttlSeconds: 7200 });
      await fx.identity.resetStats();
      await getContacts(token).expect(200);
      expect((await fx.identity.stats()).calls).toMatchObject({ '/api/user': 1, '/api/policies': 1 });

      const hash = sha256(token);
      const userTtl = await fx.redis.pttl(`identity.user:${hash}`);
      expect(userTtl).toBeGreaterThan(55_000);
      expect(userTtl).toBeLessThanOrEqual(60_000);
      const policyTtl = await fx.redis.pttl(`policies:${fx.tenantId}:u-alice:${hash.slice(0, 12)}`);
      expect(policyTtl).toBeGreaterThan(3_595_000);
      expect(policyTtl).toBeLessThanOrEqual(3_600_000);

      await fx.identity.resetStats();
      await getContacts(token).expect(200);
      const replica = await fx.startApp();
      await getContacts(token, replica).expect(200);
      expect((await fx.identity.stats()).calls).toMatchObject({ '/api/user': 0, '/api/policies': 0 });
      expect(await counterValue(replica.metrics, 'sentinel_auth_cache_lookups_total', { cache: 'user', level: 'redis', result: 'hit' })).toBe(1);
      expect(await counterValue(app.metrics, 'sentinel_auth_cache_lookups_total', { cache: 'user', level: 'memory', result: 'hit' })).toBeGreaterThan(0);
    });

    it('lets concurrent first requests with one token share one identity call', async () => {
      const token = await mint({ subject: 'u-alice' });
      await fx.identity.resetStats();
      const responses = await Promise.all(Array.from({ length: 8 }, () => getContacts(token)));
      expect(responses.map((response) => response.status)).toEqual(Array(8).fill(200));
      expect((await fx.identity.stats()).calls).toMatchObject({ '/api/user': 1, '/api/policies': 1 });
    });

    it('counts outcomes and identity calls without personal data in the labels', async () => {
      const text = await app.metrics.metrics();
      expect(text).toMatch(/sentinel_auth_outcomes_total\{outcome="passed"/);
      expect(text).toMatch(/sentinel_auth_outcomes_total\{outcome="token_invalid"/);
      expect(text).toMatch(/sentinel_identity_calls_total\{endpoint="user",result="ok"/);
      expect(text).not.toContain('u-alice');
    });
  });
  describe('first-level bounds (injected clock)', () => {
    let offsetMs = 0;
    const clock = () => Date.now() + offsetMs;

    afterEach(() => {
      offsetMs = 0;
    });

    it('never serves a verified token from memory past its exp', async () => {
      const shifted = await fx.startApp({ now: clock });
      const token = await mint({ subject: 'u-alice', ttlSeconds: 30 });
      await getContacts(token, shifted).expect(200);
      offsetMs = 40_000;
      const response = await getContacts(token, shifted);
      expect(response.status).toBe(401);
      expect(response.body.error).toBe('token_invalid');
    });

    it('asks identity again once the 60 s identity TTL has passed', async () => {
      const shifted = await fx.startApp({ now: clock });
      const token = await mint({ subject: 'u-alice', ttlSeconds: 3600 });
      await getContacts(token, shifted).expect(200);
      await fx.identity.resetStats();
      offsetMs = 30_000;
      await getContacts(token, shifted).expect(200);
      expect((await fx.identity.stats()).calls['/api/user']).toBe(0);
      offsetMs = 61_000;
      await getContacts(token, shifted).expect(200);
      expect((await fx.identity.stats()).calls).toMatchObject({ '/api/user': 1, '/api/policies': 0 });
    });
  });

  // Last: rotation leaves the other apps with a key set that misses the new kid until their cooldown ends.
  describe('key rotation', () => {
    it('accepts a token signed by a rotated-in key (the unknown kid refetch finds it)', async () => {
      const fresh = await fx.startApp({ jwksCooldownMs: 0 });
      await getContacts(await mint({ subject: 'u-alice' }), fresh).expect(200);
      await fx.identity.rotateKeys('ES256');
      await getContacts(await mint({ subject: 'u-alice' }), fresh).expect(200);
    });
  });
});
