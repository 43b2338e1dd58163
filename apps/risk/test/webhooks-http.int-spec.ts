// Test-only: the dev identity (a tool app) stands in for the external identity service in-process.
import { startDevIdentity, type DevIdentityHandle } from '@sentinel/dev-identity';
import { parseKeyRing, SecretEnvelopeCipher } from '@sentinel/crypto';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { waitFor } from '@sentinel/testing';
import { RiskHarness, timelineEvent } from './support/risk-harness';

jest.setTimeout(60_000);

/** A public address literal: accepted without DNS (no internet here), never delivered to in this file. */
const PUBLIC_TARGET = 'https://93.184.216.34/hooks/sentinel';

describe('webhook subscriptions over HTTP (permissions, SSRF guard, sealed secret, audit)', () => {
  let identity: DevIdentityHandle;
  let harness: RiskHarness;
  const encryptionKey = randomBytes(32).toString('base64');

  const bearer = async (subject: string) => `Bearer ${(await identity.mintToken({ subject })).token}`;
  const api = () => request(harness.service.url);
  const create = async (body: unknown, subject = 'user-admin-of-hooks') => api().post('/webhooks').set('Authorization', await bearer(subject)).send(body as object);

  beforeAll(async () => {
    identity = await startDevIdentity({});
    harness = await RiskHarness.start({
      ...identity.serviceEnv,
      INTEGRATION_ENCRYPTION_KEY: encryptionKey,
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false',
      WEBHOOK_ALLOW_HTTP: 'false',
    });
    const tenant = harness.stack.tenantId;
    const member = [{ id: tenant, role: 'member' }];
    for (const user of ['user-admin-of-hooks', 'user-viewer', 'user-nobody']) await identity.createUser({ id: user, tenants: member });
    await identity.setPolicy({ userId: 'user-admin-of-hooks', tenantId: tenant, permissions: [`tenant.${tenant}.crm.webhooks.view`, `tenant.${tenant}.crm.webhooks.manage`] });
    await identity.setPolicy({ userId: 'user-viewer', tenantId: tenant, permissions: [`tenant.${tenant}.crm.webhooks.view`] });
  });

  afterAll(async () => {
    await harness?.close();
    await identity?.close();
  });

  describe('permissions', () => {
    it('needs a token (401), crm.webhooks.view to read and crm.webhooks.manage to change (403)', async () => {
      expect((await api().get('/webhooks')).status).toBe(401);
      const denied = await api().get('/webhooks').set('Authorization', await bearer('user-nobody'));
      expect(denied.status).toBe(403);
      expect(denied.body).toMatchObject({ error: 'permission_denied', required_permission: `tenant.${harness.stack.tenantId}.crm.webhooks.view` });
      expect((await api().get('/webhooks').set('Authorization', await bearer('user-viewer'))).status).toBe(200);
      const readOnly = await create({ url: PUBLIC_TARGET, events: ['message.admitted'] }, 'user-viewer');
      expect(readOnly.status).toBe(403);
      expect(readOnly.body.required_permission).toBe(`tenant.${harness.stack.tenantId}.crm.webhooks.manage`);
      const { rows } = await harness.db.query(`SELECT count(*)::int AS count FROM webhook_subscriptions`);
      expect(rows[0].count).toBe(0);
    });
  });

  describe('lifecycle', () => {
    it('returns the secret once, seals it at rest bound to its row, and never shows it again', async () => {
      const created = await create({ url: PUBLIC_TARGET, events: ['risk.level_changed', 'message.admitted', 'message.admitted'] });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ url: PUBLIC_TARGET, events: ['risk.level_changed', 'message.admitted'], active: true, created_by: 'user-admin-of-hooks', circuit: { state: 'closed', consecutive_failures: 0 } });
      const secret: string = created.body.secret;
      expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);

      const { rows } = await harness.db.query(`SELECT * FROM webhook_subscriptions WHERE id = $1`, [created.body.id]);
      expect(JSON.stringify(rows[0])).not.toContain(secret);
      expect(JSON.stringify(rows[0])).not.toContain(secret.slice('whsec_'.length));
      expect(rows[0].secret).toMatch(/^enc:v1:/);
      const cipher = new SecretEnvelopeCipher(parseKeyRing(encryptionKey));
      expect(cipher.decrypt(rows[0].secret, { table: 'webhook_subscriptions', column: 'secret', rowId: created.body.id }).plaintext).toBe(secret);
      expect(() => cipher.decrypt(rows[0].secret, { table: 'webhook_subscriptions', column: 'secret', rowId: randomUUID() })).toThrow();

      const token = await bearer('user-viewer');
      const one = await api().get(`/webhooks/${created.body.id}`).set('Authorization', token);
      const list = await api().get('/webhooks').set('Authorization', token);
      for (const body of [one.body, list.body]) expect(JSON.stringify(body)).not.toContain(secret);
      expect(one.body).not.toHaveProperty('secret');
      expect(list.body.data.map((item: { id: string }) => item.id)).toContain(created.body.id);
    });

    it('updates, deletes (204, then 404) and audits each change with the origin only, never the secret or the query string', async () => {
      const created = await create({ url: `${PUBLIC_TARGET}?token=query-secret-123`, events: ['message.admitted'] });
      expect(created.status).toBe(201);
      const token = await bearer('user-admin-of-hooks');
      const updated = await api().patch(`/webhooks/${created.body.id}`).set('Authorization', token).send({ events: ['risk.level_changed'], active: false });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ events: ['risk.level_changed'], active: false });
      expect((await api().delete(`/webhooks/${created.body.id}`).set('Authorization', token)).status).toBe(204);
      expect((await api().get(`/webhooks/${created.body.id}`).set('Authorization', token)).status).toBe(404);
      expect((await api().delete(`/webhooks/${created.body.id}`).set('Authorization', token)).status).toBe(404);

      const { rows } = await harness.db.query(`SELECT event, actor_user_id, properties FROM activity_log WHERE subject_type = 'webhook' AND subject_id = $1 ORDER BY seq`, [created.body.id]);
      expect(rows.map((row) => row.event)).toEqual(['webhook.created', 'webhook.updated', 'webhook.deleted']);
      expect(rows.every((row) => row.actor_user_id === 'user-admin-of-hooks')).toBe(true);
      expect(rows[0].properties).toEqual({ target_origin: 'https://93.184.216.34', events: ['message.admitted'], active: true });
      expect(rows[1].properties).toMatchObject({ changed: ['active', 'events'], active: false });
      const trail = JSON.stringify(rows);
      expect(trail).not.toContain('query-secret-123');
      expect(trail).not.toContain(created.body.secret);
    });

    it.each([
      ['/webhooks?per_page=101', 400],
      ['/webhooks?per_page=0', 400],
      ['/webhooks?sort=secret', 400],
      ['/webhooks?sort=target_url;DROP TABLE webhook_subscriptions', 400],
      ['/webhooks?sort=-updated_at&per_page=100', 200],
      ['/webhooks/not-a-uuid', 400],
      [`/webhooks/${randomUUID()}`, 404],
      [`/webhooks/${randomUUID()}/deliveries`, 404],
      [`/webhooks/${randomUUID()}/deliveries?sort=status_code`, 400],
    ])('GET %s answers %i', async (path, status) => {
      expect((await api().get(path).set('Authorization', await bearer('user-viewer'))).status).toBe(status);
    });
  });

  describe('SSRF guard (WEBHOOK_ALLOW_PRIVATE_TARGETS=false)', () => {
    it.each([
      ['https://127.0.0.1/hook', 'loopback'],
      ['https://10.1.2.3/hook', 'private'],
      ['https://192.168.0.10/hook', 'private'],
      ['https://169.254.169.254/latest/meta-data/', 'link-local'],
      ['https://100.64.0.7/hook', 'cgnat'],
      ['https://0.0.0.0/hook', 'unspecified'],
      ['https://[::1]/hook', 'loopback'],
      ['https://[::ffff:127.0.0.1]/hook', 'loopback'],
      ['https://[::ffff:a9fe:a9fe]/hook', 'link-local'],
      ['https://[fd00::1]/hook', 'unique-local'],
      ['https://[fe80::1]/hook', 'link-local'],
      ['https://0x7f000001/hook', 'loopback'],
      ['https://2130706433/hook', 'loopback'],
      ['https://localhost/hook', 'loopback'],
    ])('SEN-ING-15 refuses %s (%s) with 422 and stores nothing', async (url, category) => {
      const response = await create({ url, events: ['message.admitted'] });
      expect(response.status).toBe(422);
      expect(response.body).toEqual({ error: 'target_not_allowed', message: `The target resolves to a ${category} address, which is not allowed.` });
      const { rows } = await harness.db.query(`SELECT count(*)::int AS count FROM webhook_subscriptions WHERE target_url LIKE '%hook'`);
      expect(rows[0].count).toBe(0);
    });

    it('SEN-ING-15 checks the target again at delivery time: a target that now resolves to a refused address fails without a call', async () => {
      // Stored as if it had passed at create time and DNS changed since; sealed like the service seals.
      const id = randomUUID();
      const sealed = new SecretEnvelopeCipher(parseKeyRing(encryptionKey)).encrypt('whsec_rebound', { table: 'webhook_subscriptions', column: 'secret', rowId: id });
      await harness.db.query(`INSERT INTO webhook_subscriptions (id, target_url, events, secret, created_by) VALUES ($1, 'https://127.0.0.1:9/rebound', '{message.admitted}', $2, 'user-admin-of-hooks')`, [id, sealed]);
      const deal = await harness.seedDeal('user-owner', { contacts: 1 });
      await harness.publishTimeline(timelineEvent('user-owner', deal.integrationId, deal.contactIds));
      const log = await waitFor('the refused attempt', async () => {
        const response = await api().get(`/webhooks/${id}/deliveries`).set('Authorization', await bearer('user-viewer'));
        return response.body.data?.length > 0 && response.body.data;
      });
      expect(log).toEqual([expect.objectContaining({ attempt: 1, outcome: 'target_refused', status_code: null, delivery_status: 'failed' })]);
    });

    it('refuses a private target on update too, keeping the stored URL', async () => {
      const created = await create({ url: PUBLIC_TARGET, events: ['message.admitted'] });
      const response = await api().patch(`/webhooks/${created.body.id}`).set('Authorization', await bearer('user-admin-of-hooks')).send({ url: 'https://169.254.169.254/' });
      expect(response.status).toBe(422);
      expect(response.body.error).toBe('target_not_allowed');
      const { rows } = await harness.db.query(`SELECT target_url FROM webhook_subscriptions WHERE id = $1`, [created.body.id]);
      expect(rows[0].target_url).toBe(PUBLIC_TARGET);
    });
  });

  describe('hostile input', () => {
    it.each([
      ['not a URL', { url: 'not a url', events: ['message.admitted'] }, 'target_url_invalid'],
      ['plain http while WEBHOOK_ALLOW_HTTP=false', { url: 'http://93.184.216.34/hook', events: ['message.admitted'] }, 'target_url_invalid'],
      ['another scheme', { url: 'file:///etc/passwd', events: ['message.admitted'] }, 'target_url_invalid'],
      ['gopher', { url: 'gopher://93.184.216.34:70/_x', events: ['message.admitted'] }, 'target_url_invalid'],
      ['credentials in the URL', { url: 'https://user:pass@93.184.216.34/hook', events: ['message.admitted'] }, 'target_url_invalid'],
      ['an oversize URL', { url: `https://93.184.216.34/${'a'.repeat(3_000)}`, events: ['message.admitted'] }, 'target_url_invalid'],
      ['an unknown event', { url: PUBLIC_TARGET, events: ['message.admitted', 'deal.deleted'] }, 'event_unknown'],
      ['an event with a wildcard', { url: PUBLIC_TARGET, events: ['*'] }, 'event_unknown'],
      ['a host that does not resolve', { url: 'https://no-such-host.invalid/hook', events: ['message.admitted'] }, 'target_unresolvable'],
    ])('%s is a 422 (%s)', async (_label, body, error) => {
      const response = await create(body);
      expect(response.status).toBe(422);
      expect(response.body.error).toBe(error);
      expect(JSON.stringify(response.body)).not.toContain('pass@');
    });

    it.each([
      ['events not a list', { url: PUBLIC_TARGET, events: 'message.admitted' }],
      ['no events', { url: PUBLIC_TARGET, events: [] }],
      ['an unknown property', { url: PUBLIC_TARGET, events: ['message.admitted'], secret: 'mine' }],
      ['a URL that is not a string', { url: { href: PUBLIC_TARGET }, events: ['message.admitted'] }],
      ['too many events', { url: PUBLIC_TARGET, events: Array<string>(21).fill('message.admitted') }],
    ])('%s is a 400 from the DTO', async (_label, body) => {
      const response = await create(body);
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('validation_failed');
    });

    it('answers 413 to a body over the parser limit', async () => {
      const response = await create({ url: `https://93.184.216.34/${'a'.repeat(2_000_000)}`, events: ['message.admitted'] });
      expect(response.status).toBe(413);
    });
  });
});
