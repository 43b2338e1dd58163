import { verifyAuditChain } from '@sentinel/audit';
import { DataSource } from 'typeorm';
import request from 'supertest';
import { startIdentityBroker, TenantBridge, type IdentityBroker } from './support/bridge.harness';

jest.setTimeout(60_000);

/** The bridge listens on an exchange nobody publishes on: every cache change here comes from the system route. */
describe('identity-bridge HTTP routes', () => {
  let broker: IdentityBroker;
  let tenant: TenantBridge;
  let peerUrl: string;
  let systemToken: string;

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const probe = (token: string) => request(peerUrl).get('/probe').set(bearer(token));
  const flush = (token: string, body: object = {}) => request(tenant.bridge.url).post('/system/policies/flush').set(bearer(token)).send(body);
  const audit = (token: string, query = '') => request(tenant.bridge.url).get(`/audit${query}`).set(bearer(token));

  beforeAll(async () => {
    broker = await startIdentityBroker();
    tenant = await TenantBridge.start(broker, { deaf: true });
    peerUrl = (await tenant.startPeer()).url;
    systemToken = tenant.env.SYSTEM_API_TOKEN;
  });

  afterAll(async () => {
    await tenant?.close();
    await broker?.close();
  });

  describe('POST /system/policies/flush', () => {
    it("flushes the tenant's cached policies on every service, without the broker", async () => {
      const token = await tenant.user('flushed', ['crm.contacts.view']);
      expect((await probe(token)).status).toBe(200);
      await broker.identity.setPolicy(tenant.policy('flushed', []));
      // No event reaches this stack: the peer keeps its cached decision...
      expect((await probe(token)).status).toBe(200);
      const response = await flush(systemToken);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ flushed: 'tenant' });
      // ...until the flush, after which the very next request sees the new policy.
      expect((await probe(token)).status).toBe(403);
    });

    it("purges one user's cached identity answers and policies", async () => {
      const token = await tenant.user('purged', ['crm.contacts.view']);
      expect((await probe(token)).status).toBe(200);
      await broker.identity.deactivateUser('purged');
      expect((await probe(token)).status).toBe(200);
      expect((await flush(systemToken, { user_id: 'purged' })).body).toEqual({ flushed: 'user' });
      expect((await probe(token)).status).toBe(401);
    });

    it('accepts only the system token: user tokens and no token get 401 system_token_required', async () => {
      const adminToken = (await broker.identity.mintToken({ subject: 'flushed' })).token;
      for (const response of [await flush(adminToken), await request(tenant.bridge.url).post('/system/policies/flush')]) {
        expect(response.status).toBe(401);
        expect(response.body.error).toBe('system_token_required');
      }
      expect((await flush(`${systemToken}x`)).status).toBe(401);
    });

    it('refuses a malformed body (400)', async () => {
      expect((await flush(systemToken, { user_id: '' })).status).toBe(400);
      expect((await flush(systemToken, { tenant_id: 'other' })).status).toBe(400);
    });

    it('records each flush in the audit trail as the system actor', async () => {
      const rows = await tenant.auditRows('policies.flushed');
      expect(rows.map((row) => [row.actor_user_id, row.subject_type, row.subject_id])).toEqual([
        ['system:system-token', 'tenant', tenant.tenantId],
        ['system:system-token', 'user', 'purged'],
      ]);
    });
  });

  describe('GET /audit', () => {
    let auditor: string;

    beforeAll(async () => {
      auditor = await tenant.user('auditor', ['crm.audit.view']);
    });

    it('needs a user token with crm.audit.view; the system token is refused on it', async () => {
      expect((await request(tenant.bridge.url).get('/audit')).status).toBe(401);
      const systemAttempt = await audit(systemToken);
      expect(systemAttempt.status).toBe(401);
      const outsider = await tenant.user('outsider', ['crm.contacts.view']);
      const denied = await audit(outsider);
      expect(denied.status).toBe(403);
      expect(denied.body).toMatchObject({ error: 'permission_denied', required_permission: `tenant.${tenant.tenantId}.crm.audit.view` });
    });

    it('pages newest first, at most 100 per page, with a whitelisted sort', async () => {
      const first = await audit(auditor, '?per_page=1');
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ page: 1, per_page: 1, total: 2 });
      expect(first.body.data[0]).toMatchObject({ event: 'policies.flushed', subject_id: 'purged', impersonator_id: null });
      const oldest = await audit(auditor, '?sort=occurred_at&per_page=1');
      expect(oldest.body.data[0]).toMatchObject({ seq: 1, event: 'policies.flushed', subject_type: 'tenant' });
      expect((await audit(auditor, '?per_page=101')).status).toBe(400);
      expect((await audit(auditor, '?sort=actor_user_id')).status).toBe(400);
    });

    it('filters by actor, subject, event and time range', async () => {
      const bySubject = await audit(auditor, '?subject_type=user&subject_id=purged');
      expect(bySubject.body.data.map((row: { event: string }) => row.event)).toEqual(['policies.flushed']);
      const byActor = await audit(auditor, '?actor_user_id=system:system-token&event=policies.flushed');
      expect(byActor.body.total).toBe(2);
      expect((await audit(auditor, '?event=identity.policy_updated')).body.total).toBe(0);
      const future = new Date(Date.now() + 60_000).toISOString();
      expect((await audit(auditor, `?from=${future}`)).body.total).toBe(0);
      expect((await audit(auditor, `?to=${future}&event=policies.flushed`)).body.total).toBe(2);
      const refused = await audit(auditor, `?from=${future}&to=${future}`);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBe('audit_range_invalid');
      expect((await audit(auditor, '?from=yesterday')).status).toBe(400);
    });

    it('records an impersonated read with both the user and the impersonator', async () => {
      await broker.identity.createUser({ id: 'support-admin', tenants: [{ id: tenant.tenantId, role: 'admin' }] });
      const { token } = await broker.identity.mintToken({ subject: 'auditor', impersonatorId: 'support-admin' });
      expect((await audit(token, '?event=policies.flushed')).status).toBe(200);
      const reads = await audit(auditor, '?event=audit.viewed&per_page=1');
      expect(reads.body.data[0]).toMatchObject({
        actor_user_id: 'auditor',
        impersonator_id: 'support-admin',
        properties: { filters: ['event'], page: 1, returned: 2 },
      });
    });

    it('leaves a chain that verifies', async () => {
      const verdict = await verifyAuditChain(tenant.bridge.app.get(DataSource));
      expect(verdict).toMatchObject({ ok: true });
    });
  });
});
