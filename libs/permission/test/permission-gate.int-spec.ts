import { createHash } from 'node:crypto';
import { REDIS_CLIENT } from '@sentinel/cache';
import { TcpFaultProxy, waitFor } from '@sentinel/testing';
import type Redis from 'ioredis';
import request from 'supertest';
import { createAuthFixture, type AuthFixture } from './support/auth-test.fixture';
import type { GuardedTestApp } from './support/guarded-test.app';

describe('layer 3: permission gate and policy cache', () => {
  let fx: AuthFixture;
  let app: GuardedTestApp;
  let t: string;

  beforeAll(async () => {
    fx = await createAuthFixture();
    t = fx.tenantId;
    const member = [{ id: t, role: 'member' }];
    await fx.identity.createUser({ id: 'u-viewer', tenants: member });
    await fx.identity.setPolicy({ userId: 'u-viewer', tenantId: t, permissions: [`tenant.${t}.crm.contacts.view`] });
    await fx.identity.createUser({ id: 'u-globber', tenants: member });
    await fx.identity.setPolicy({ userId: 'u-globber', tenantId: t, permissions: [`tenant.${t}.crm.*.view`] });
    await fx.identity.createUser({ id: 'u-nothing', tenants: member });
    await fx.identity.createUser({ id: 'u-root', tenants: [], isSystemAdmin: true });
    await fx.identity.createServiceAccount({ id: 'sa-sync', tenants: member, scopes: [`tenant.*.crm.contacts.view`] });
    await fx.identity.setPolicy({ userId: 'sa-sync', tenantId: t, permissions: [`tenant.${t}.crm.*.view`] });
    app = await fx.startApp();
  });

  afterAll(() => fx?.close());

  afterEach(() => fx.identity.setFaultMode({ mode: 'normal' }));

  const token = async (subject: string, ttlSeconds = 900) => (await fx.identity.mintToken({ subject, ttlSeconds })).token;
  const get = (path: string, bearer: string, target = app) => request(target.url).get(path).set('Authorization', `Bearer ${bearer}`);

  it('SEN-TOK-10 answers the structured 403 with exactly the documented keys', async () => {
    const response = await get('/contacts', await token('u-nothing'));
    expect(response.status).toBe(403);
    expect(response.body).toStrictEqual({
      message: 'Insufficient permissions.',
      error: 'permission_denied',
      required_permission: `tenant.${t}.crm.contacts.view`,
      resource_type: 'contacts',
      resource_id: null,
      user_id: 'u-nothing',
    });
    expect(response.headers['www-authenticate']).toBeUndefined();
  });

  it('lets a controller raise the same 403 for one resource', async () => {
    const response = await get('/contacts/locked', await token('u-viewer'));
    expect(response.status).toBe(403);
    expect(response.body).toStrictEqual({
      message: 'Insufficient permissions.',
      error: 'permission_denied',
      required_permission: `tenant.${t}.crm.contacts.update`,
      resource_type: 'contacts',
      resource_id: 'locked',
      user_id: 'u-viewer',
    });
  });

  it('grants exact names and one-segment globs from the policy', async () => {
    const viewer = await token('u-viewer');
    await get('/contacts', viewer).expect(200);
    await get(`/tenants/${t}/deals`, viewer).expect(403);
    const globber = await token('u-globber');
    await get('/contacts', globber).expect(200);
    await get(`/tenants/${t}/deals`, globber).expect(200);
  });

  it('narrows a service account to its scopes even where its policy grants more', async () => {
    const service = await token('sa-sync');
    await get('/contacts', service).expect(200);
    const deals = await get(`/tenants/${t}/deals`, service);
    expect(deals.status).toBe(403);
    expect(deals.body.required_permission).toBe(`tenant.${t}.crm.deals.view`);
  });

  it('lets a system administrator through without asking for a policy', async () => {
    const root = await token('u-root');
    await fx.identity.resetStats();
    await get('/contacts', root).expect(200);
    expect((await fx.identity.stats()).calls['/api/policies']).toBe(0);
  });

  it('SEN-TOK-13 answers 503, never allow, when the policy cannot be fetched', async () => {
    const viewer = await token('u-viewer');
    await get('/contacts', viewer).expect(200);
    await app.policyCache.flushTags('crm.policies');
    await fx.identity.setFaultMode({ mode: 'unavailable' });
    const response = await get('/contacts', viewer);
    expect(response.status).toBe(503);
    expect(response.body.error).toBe('identity_unavailable');
    expect(response.headers['retry-after']).toBe('5');
  });

  it('one tag flush removes every cached policy of the tenant, in Redis and in memory', async () => {
    const tokens = [await token('u-viewer', 7200), await token('u-globber', 7200)];
    for (const bearer of tokens) await get('/contacts', bearer).expect(200);
    expect(await policyKeys()).toHaveLength(2);

    await app.policyCache.flushTags(`tenant:${t}`);
    expect(await policyKeys()).toHaveLength(0);
    expect(await fx.redis.exists(`cache-tag:tenant:${t}`)).toBe(0);

    await fx.identity.resetStats();
    for (const bearer of tokens) await get('/contacts', bearer).expect(200);
    expect((await fx.identity.stats()).calls['/api/policies']).toBe(2);
  });

  it('does not cache a policy fetched across a flush (it may predate the change)', async () => {
    const bearer = await token('u-viewer');
    const hash = createHash('sha256').update(bearer).digest('hex');
    await fx.identity.setFaultMode({ mode: 'slow', delayMs: 400 });
    const inFlight = get('/contacts', bearer).then((response) => response); // then() sends it now
    await new Promise((resolve) => setTimeout(resolve, 600)); // user answered, policy still in flight
    await app.policyCache.flushTags(`tenant:${t}`);
    expect((await inFlight).status).toBe(200);
    expect(await fx.redis.exists(`policies:${t}:u-viewer:${hash.slice(0, 12)}`)).toBe(0);
  });

  it('a policy change reaches another replica through the flush broadcast', async () => {
    const replica = await fx.startApp();
    await fx.identity.createUser({ id: 'u-changing', tenants: [{ id: t, role: 'member' }] });
    await fx.identity.setPolicy({ userId: 'u-changing', tenantId: t, permissions: [`tenant.${t}.crm.contacts.view`] });
    const bearer = await token('u-changing');
    await get('/contacts', bearer, app).expect(200);
    await get('/contacts', bearer, replica).expect(200);

    await fx.identity.setPolicy({ userId: 'u-changing', tenantId: t, permissions: [] });
    await app.policyCache.flushTags('crm.policies');
    await waitFor('the replica to refuse', async () => (await get('/contacts', bearer, replica)).status === 403, 3_000, 20);
    await get('/contacts', bearer, app).expect(403);
  });

  it('a replica that lost its Redis connection drops its first level on reconnect (it may have missed flushes)', async () => {
    const redisUrl = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0');
    const proxy = await new TcpFaultProxy(redisUrl.hostname, Number(redisUrl.port || 6379)).start();
    try {
      const cutOff = await fx.startApp({}, `redis://127.0.0.1:${proxy.port}${redisUrl.pathname}`);
      const client = cutOff.app.get<Redis>(REDIS_CLIENT);
      await waitFor('the replica to reach Redis', async () => client.status === 'ready');
      await fx.identity.createUser({ id: 'u-missed', tenants: [{ id: t, role: 'member' }] });
      await fx.identity.setPolicy({ userId: 'u-missed', tenantId: t, permissions: [`tenant.${t}.crm.contacts.view`] });
      const bearer = await token('u-missed');
      await get('/contacts', bearer, cutOff).expect(200);

      proxy.setMode('refuse');
      proxy.cutAll();
      await fx.identity.setPolicy({ userId: 'u-missed', tenantId: t, permissions: [] });
      await app.policyCache.flushTags('crm.policies');

      proxy.setMode('pass');
      await waitFor('the reconnected replica to refuse', async () => (await get('/contacts', bearer, cutOff)).status === 403, 10_000, 100);
    } finally {
      await proxy.stop();
    }
  });

  it('purgeUser removes the user identity payloads and policies everywhere', async () => {
    const replica = await fx.startApp();
    await fx.identity.createUser({ id: 'u-purged', tenants: [{ id: t, role: 'member' }] });
    await fx.identity.setPolicy({ userId: 'u-purged', tenantId: t, permissions: [`tenant.${t}.crm.contacts.view`] });
    const bearer = await token('u-purged');
    await get('/contacts', bearer, app).expect(200);
    await get('/contacts', bearer, replica).expect(200);
    const hash = createHash('sha256').update(bearer).digest('hex');
    const userKeys = [`identity.user:${hash}`, `policies:${t}:u-purged:${hash.slice(0, 12)}`];
    expect((await fx.redis.smembers('cache-user:u-purged')).sort()).toEqual(userKeys.sort());

    await fx.identity.deactivateUser('u-purged');
    await app.policyCache.purgeUser('u-purged');
    expect(await fx.redis.exists(...userKeys)).toBe(0);
    expect(await fx.redis.exists('cache-user:u-purged')).toBe(0);
    await waitFor('the replica to refuse', async () => (await get('/contacts', bearer, replica)).status === 401, 3_000, 20);
    await get('/contacts', bearer, app).expect(401);
  });

  async function keysMatching(pattern: string): Promise<string[]> {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await fx.redis.scan(cursor, 'MATCH', `${fx.redisPrefix}${pattern}`, 'COUNT', 500);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    return keys;
  }

  const policyKeys = () => keysMatching(`policies:${t}:*`);
});
