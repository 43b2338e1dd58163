import request from 'supertest';
import { createAuthFixture, type AuthFixture } from './support/auth-test.fixture';
import type { GuardedTestApp } from './support/guarded-test.app';

describe('system token', () => {
  let fx: AuthFixture;
  let app: GuardedTestApp;
  let userToken: string;

  beforeAll(async () => {
    fx = await createAuthFixture();
    await fx.identity.createUser({ id: 'u-admin', tenants: [{ id: fx.tenantId, role: 'admin' }], isSystemAdmin: true });
    userToken = (await fx.identity.mintToken({ subject: 'u-admin' })).token;
    app = await fx.startApp();
  });

  afterAll(() => fx?.close());

  const ping = (authorization?: string) => {
    const call = request(app.url).post('/system/ping');
    return authorization === undefined ? call : call.set('Authorization', authorization);
  };

  it('admits the right token on a system route', async () => {
    const response = await ping(`Bearer ${fx.systemToken}`);
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ ok: true });
  });

  it.each([
    ['a wrong token of another length', () => 'Bearer short-wrong-token'],
    ['a wrong token of the same length', () => `Bearer ${'x'.repeat(fx.systemToken.length)}`],
    ['the right token with a suffix', () => `Bearer ${fx.systemToken}0`],
    ['no token', () => undefined],
    ['the right token in another scheme', () => `Token ${fx.systemToken}`],
  ])('refuses %s with 401 (no throw)', async (_name, header) => {
    const response = await ping(header());
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: 'system_token_required', message: expect.any(String) });
    expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
  });

  it('SEN-TOK-08 refuses a user token on a system route, even a system administrator', async () => {
    const response = await ping(`Bearer ${userToken}`);
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('system_token_required');
  });

  it('SEN-TOK-07 refuses the system token on a user route without asking identity', async () => {
    await fx.identity.resetStats();
    const response = await request(app.url).get('/contacts').set('Authorization', `Bearer ${fx.systemToken}`);
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('token_invalid');
    expect((await fx.identity.stats()).total).toBe(0);
  });

  it('serves a public route with or without a token', async () => {
    await request(app.url).get('/public/ping').expect(200);
    await request(app.url).get('/public/ping').set('Authorization', 'Bearer garbage').expect(200);
  });
});
