import request from 'supertest';
import { createAuthFixture, type AuthFixture } from './support/auth-test.fixture';
import type { GuardedTestApp } from './support/guarded-test.app';

const CUTOFF = new Date('2026-06-15T00:00:00Z');

describe('layer 2: tenant binding', () => {
  let fx: AuthFixture;
  let app: GuardedTestApp;

  beforeAll(async () => {
    fx = await createAuthFixture();
    const grants = (tenantId: string) => [`tenant.${tenantId}.crm.contacts.view`, `tenant.${tenantId}.crm.deals.view`];
    await fx.identity.createUser({ id: 'u-ours', tenants: [{ id: fx.tenantId, role: 'member' }] });
    await fx.identity.setPolicy({ userId: 'u-ours', tenantId: fx.tenantId, permissions: grants(fx.tenantId) });
    await fx.identity.createUser({ id: 'u-theirs', tenants: [{ id: fx.otherTenantId, role: 'member' }] });
    await fx.identity.setPolicy({ userId: 'u-theirs', tenantId: fx.otherTenantId, permissions: grants(fx.otherTenantId) });
    await fx.identity.createUser({ id: 'u-legacy', tenants: [{ id: fx.tenantId, role: 'member' }] });
    await fx.identity.setPolicy({ userId: 'u-legacy', tenantId: fx.tenantId, permissions: grants(fx.tenantId) });
    app = await fx.startApp();
  });

  afterAll(() => fx?.close());

  const token = async (subject: string, legacyTenantId?: string) => (await fx.identity.mintToken({ subject, legacyTenantId })).token;

  describe('legacy single-tenant tokens (injected clock)', () => {
    it('pass before the cutoff when tenant_id is this tenant', async () => {
      const before = await fx.startApp({ now: () => CUTOFF.getTime() - 60_000 });
      const response = await request(before.url).get('/contacts').set('Authorization', `Bearer ${await token('u-legacy', fx.tenantId)}`);
      expect(response.status).toBe(200);
    });

    it('are refused before the cutoff when tenant_id names another tenant', async () => {
      const before = await fx.startApp({ now: () => CUTOFF.getTime() - 60_000 });
      const response = await request(before.url)
        .get('/contacts')
        .set('Authorization', `Bearer ${await token('u-legacy', fx.otherTenantId)}`);
      expect(response.status).toBe(403);
      expect(response.body.error).toBe('tenant_not_a_member');
    });

    it('SEN-TEN-04 get 401 token_shape_legacy from the cutoff on', async () => {
      const after = await fx.startApp({ now: () => CUTOFF.getTime() });
      const response = await request(after.url).get('/contacts').set('Authorization', `Bearer ${await token('u-legacy', fx.tenantId)}`);
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ error: 'token_shape_legacy', message: expect.any(String) });
      expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    });

    it('honour a configured cutoff', async () => {
      const later = await fx.startApp({ legacyTokenCutoff: new Date(Date.now() + 86_400_000) });
      const response = await request(later.url).get('/contacts').set('Authorization', `Bearer ${await token('u-legacy', fx.tenantId)}`);
      expect(response.status).toBe(200);
    });
  });

  describe('only TENANT_ID names the tenant: headers, path segments and cookies never do', () => {
    it('a member of this tenant is served as this tenant whatever the request claims', async () => {
      const ours = await token('u-ours');
      const viaHeader = await request(app.url).get('/contacts').set('Authorization', `Bearer ${ours}`).set('X-Tenant-Id', fx.otherTenantId);
      expect(viaHeader.status).toBe(200);
      const viaCookie = await request(app.url).get('/contacts').set('Authorization', `Bearer ${ours}`).set('Cookie', `tenant=${fx.otherTenantId}`);
      expect(viaCookie.status).toBe(200);
      const viaPath = await request(app.url).get(`/tenants/${fx.otherTenantId}/deals`).set('Authorization', `Bearer ${ours}`);
      expect(viaPath.status).toBe(200);
    });

    it('SEN-TEN-02 a member of another tenant is refused whatever the request claims', async () => {
      const theirs = await token('u-theirs');
      const attempts = [
        request(app.url).get('/contacts').set('Authorization', `Bearer ${theirs}`).set('X-Tenant-Id', fx.otherTenantId),
        request(app.url).get('/contacts').set('Authorization', `Bearer ${theirs}`).set('Cookie', `tenant=${fx.otherTenantId}`),
        request(app.url).get(`/tenants/${fx.otherTenantId}/deals`).set('Authorization', `Bearer ${theirs}`),
        request(app.url).get(`/tenants/${fx.tenantId}/deals`).set('Authorization', `Bearer ${theirs}`).set('X-Tenant-Id', fx.tenantId),
      ];
      for (const response of await Promise.all(attempts)) {
        expect(response.status).toBe(403);
        expect(response.body.error).toBe('tenant_not_a_member');
      }
    });

    it('SEN-TEN-03 a membership revoked at identity is refused although the token still lists it', async () => {
      await fx.identity.createUser({ id: 'u-leaving', tenants: [{ id: fx.tenantId, role: 'member' }] });
      const leaving = await token('u-leaving');
      await fx.identity.revokeMembership('u-leaving', fx.tenantId);
      const response = await request(app.url).get('/contacts').set('Authorization', `Bearer ${leaving}`);
      expect(response.status).toBe(403);
      expect(response.body.error).toBe('tenant_not_a_member');
    });
  });
});
