import { closedLoopbackPort } from '@sentinel/testing';
import request from 'supertest';
import { createAuthFixture, type AuthFixture } from './support/auth-test.fixture';
import { counterValue, type GuardedTestApp } from './support/guarded-test.app';

describe('Redis unreachable: still correct through identity', () => {
  let fx: AuthFixture;
  let app: GuardedTestApp;

  beforeAll(async () => {
    fx = await createAuthFixture();
    await fx.identity.createUser({ id: 'u-viewer', tenants: [{ id: fx.tenantId, role: 'member' }] });
    await fx.identity.setPolicy({ userId: 'u-viewer', tenantId: fx.tenantId, permissions: [`tenant.${fx.tenantId}.crm.contacts.view`] });
    await fx.identity.createUser({ id: 'u-nothing', tenants: [{ id: fx.tenantId, role: 'member' }] });
    app = await fx.startApp({}, `redis://127.0.0.1:${await closedLoopbackPort()}`);
  });

  afterAll(() => fx?.close());

  const get = async (subject: string) =>
    request(app.url).get('/contacts').set('Authorization', `Bearer ${(await fx.identity.mintToken({ subject })).token}`);

  it('admits a granted user, asking identity directly, and counts the fallbacks', async () => {
    await fx.identity.resetStats();
    const response = await get('u-viewer');
    expect(response.status).toBe(200);
    expect((await fx.identity.stats()).calls).toMatchObject({ '/api/user': 1, '/api/policies': 1 });
    expect(await counterValue(app.metrics, 'sentinel_auth_redis_fallbacks_total', { operation: 'read' })).toBeGreaterThanOrEqual(2);
    expect(await counterValue(app.metrics, 'sentinel_auth_redis_fallbacks_total', { operation: 'write' })).toBeGreaterThanOrEqual(2);
  });

  it('still refuses what it must', async () => {
    expect((await get('u-nothing')).status).toBe(403);
    const forged = await request(app.url).get('/contacts').set('Authorization', 'Bearer not-a-jwt');
    expect(forged.status).toBe(401);
  });

  it('answers 503 when identity is down too, never 401', async () => {
    await fx.identity.setFaultMode({ mode: 'unavailable' });
    try {
      const response = await get('u-viewer');
      expect(response.status).toBe(503);
    } finally {
      await fx.identity.setFaultMode({ mode: 'normal' });
    }
  });
});
