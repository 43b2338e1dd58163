import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActivityLogRepository, AuditTrail } from '@sentinel/audit';
import { parseKeyRing, SecretEnvelopeCipher } from '@sentinel/crypto';
// The dev identity is an application; the CLI test runs it in-process as the CLI's counterpart.
import { startDevIdentity, type DevIdentityHandle } from '@sentinel/dev-identity';
import { closedLoopbackPort, createTestDatabase, type TestDatabase } from '@sentinel/testing';
import { Client } from 'pg';
import { sentinel } from './cli.runner';

describe('sentinel commands', () => {
  let database: TestDatabase;
  let identity: DevIdentityHandle;
  let db: Client;
  let crmSync: Server;
  let crmSyncUrl: string;
  const syncCalls: Array<{ path: string; authorization?: string }> = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    identity = await startDevIdentity({});
    db = new Client({ connectionString: database.url });
    await db.connect();
    // crm-sync's sync route, as its contract answers: 202 for a known id, 404 otherwise.
    crmSync = createServer((request, response) => {
      syncCalls.push({ path: request.url ?? '', authorization: request.headers.authorization });
      const known = request.method === 'POST' && request.url === '/integrations/11111111-1111-4111-8111-111111111111/sync';
      response.writeHead(known ? 202 : 404, { 'content-type': 'application/json' });
      response.end(known ? '' : JSON.stringify({ error: 'not_found', message: 'integration not found' }));
    });
    await new Promise<void>((resolve) => crmSync.listen(0, '127.0.0.1', resolve));
    crmSyncUrl = `http://127.0.0.1:${(crmSync.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await db.end();
    await identity.close();
    await new Promise<void>((resolve) => crmSync.close(() => resolve()));
    await database.drop();
  });

  describe('tokens mint', () => {
    it('prints a token the identity signed for the user', async () => {
      const run = await sentinel('tokens', 'mint', 'alice', '--identity-url', identity.url, '--admin-key', identity.adminKey);
      expect(run.code).toBe(0);
      expect(run.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    });

    it('--json gives subject, token and expiry', async () => {
      const run = await sentinel('--json', 'tokens', 'mint', 'alice', '--identity-url', identity.url, '--admin-key', identity.adminKey, '--ttl', '60');
      const body = JSON.parse(run.stdout) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['expires_at', 'subject', 'token']);
      expect(body.subject).toBe('alice');
    });

    it('exits 1 on a wrong admin key and 3 when the identity is down', async () => {
      expect((await sentinel('tokens', 'mint', 'alice', '--identity-url', identity.url, '--admin-key', 'wrong-admin-key-0000')).code).toBe(1);
      const down = `http://127.0.0.1:${await closedLoopbackPort()}`;
      expect((await sentinel('tokens', 'mint', 'alice', '--identity-url', down, '--admin-key', 'any-admin-key-00000')).code).toBe(3);
    });
  });

  describe('integrations list', () => {
    const secret = `enc:v1:${randomBytes(12).toString('hex')}`;

    beforeAll(async () => {
      await db.query(
        `INSERT INTO integrations (id, user_id, provider, status, access_token, refresh_token, external_account_id, sync_stage)
         VALUES ($1, 'alice', 'hubspot', 'connected', $2, $2, 'portal-1', 'incremental_pending')`,
        [randomUUID(), secret],
      );
    });

    // Its tokens are not real envelopes: keep them away from the rotation tests.
    afterAll(() => db.query('DELETE FROM integrations'));

    it('lists state and never a token', async () => {
      const text = await sentinel('integrations', 'list', '--database-url', database.url);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain('hubspot');
      const json = await sentinel('integrations', 'list', '--json', '--database-url', database.url);
      const body = JSON.parse(json.stdout) as { data: Array<Record<string, unknown>> };
      expect(Object.keys(body.data[0]).sort()).toEqual(['external_account_id', 'id', 'last_error_code', 'last_synced_at', 'provider', 'status', 'sync_stage', 'user_id']);
      expect(text.stdout + json.stdout).not.toContain(secret);
    });

    it('exits 3 when PostgreSQL is unreachable', async () => {
      const run = await sentinel('integrations', 'list', '--database-url', `postgres://postgres@127.0.0.1:${await closedLoopbackPort()}/none`);
      expect(run.code).toBe(3);
    });
  });

  describe('keys rotate', () => {
    const k1 = `k1:${randomBytes(32).toString('base64')}`;
    const k2 = `k2:${randomBytes(32).toString('base64')}`;
    const id = randomUUID();
    const webhookId = randomUUID();
    const webhookSecret = { table: 'webhook_subscriptions', column: 'secret', rowId: webhookId };

    beforeAll(async () => {
      const old = new SecretEnvelopeCipher(parseKeyRing(k1));
      const at = (column: string) => ({ table: 'integrations', column, rowId: id });
      await db.query(
        `INSERT INTO integrations (id, user_id, provider, status, access_token, refresh_token, external_account_id, sync_stage)
         VALUES ($1, 'bob', 'salesforce', 'connected', $2, $3, 'org-1', 'incremental_pending')`,
        [id, old.encrypt('access-1', at('access_token')), old.encrypt('refresh-1', at('refresh_token'))],
      );
      await db.query(
        `INSERT INTO webhook_subscriptions (id, target_url, events, secret, created_by) VALUES ($1, 'https://93.184.216.34/hook', '{message.admitted}', $2, 'bob')`,
        [webhookId, old.encrypt('whsec_rotated', webhookSecret)],
      );
    });

    it('exits 1 while a token or webhook secret does not decrypt with the ring (old key missing)', async () => {
      const run = await sentinel('--json', 'keys', 'rotate', '--database-url', database.url, '--key-ring', k2);
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stdout)).toMatchObject({ reencrypted: 0, failed: 3 });
    });

    it('re-encrypts tokens and webhook secrets under the newest key; the old key can then go; a second run changes nothing', async () => {
      const first = await sentinel('--json', 'keys', 'rotate', '--database-url', database.url, '--key-ring', `${k2},${k1}`);
      expect(first.code).toBe(0);
      expect(JSON.parse(first.stdout)).toMatchObject({ integrations: 1, webhook_subscriptions: 1, reencrypted: 3, failed: 0 });
      const { rows } = await db.query<{ access_token: string }>('SELECT access_token FROM integrations WHERE id = $1', [id]);
      const newest = new SecretEnvelopeCipher(parseKeyRing(k2));
      expect(newest.decrypt(rows[0].access_token, { table: 'integrations', column: 'access_token', rowId: id }).plaintext).toBe('access-1');
      const webhook = await db.query<{ secret: string }>('SELECT secret FROM webhook_subscriptions WHERE id = $1', [webhookId]);
      expect(newest.decrypt(webhook.rows[0].secret, webhookSecret).plaintext).toBe('whsec_rotated');
      const second = await sentinel('--json', 'keys', 'rotate', '--database-url', database.url, '--key-ring', k2);
      expect(JSON.parse(second.stdout)).toMatchObject({ reencrypted: 0, unchanged: 3 });
    });

    it('records one keys.rotated audit event per run with the actor, the newest key id and the counts', async () => {
      const before = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM activity_log WHERE event = 'keys.rotated'`);
      const run = await sentinel('--json', 'keys', 'rotate', '--database-url', database.url, '--key-ring', `${k2},${k1}`, '--actor', 'user-operator');
      expect(run.code).toBe(0);
      const { rows } = await db.query(`SELECT actor_user_id, impersonator_id, subject_type, subject_id, properties FROM activity_log WHERE event = 'keys.rotated' ORDER BY seq`);
      expect(rows).toHaveLength(before.rows[0]!.count + 1);
      expect(rows[rows.length - 1]).toEqual({
        actor_user_id: 'user-operator',
        impersonator_id: null,
        subject_type: 'integration_key_ring',
        subject_id: 'k2',
        properties: { integrations: 1, webhook_subscriptions: 1, reencrypted: 0, unchanged: 3, skipped_concurrent: 0, failed: 0 },
      });
    });

    it('exits 2 on a malformed ring', async () => {
      expect((await sentinel('keys', 'rotate', '--database-url', database.url, '--key-ring', 'k1:short')).code).toBe(2);
    });
  });

  describe('sync run', () => {
    it('starts a sync with the bearer token', async () => {
      const run = await sentinel('--json', 'sync', 'run', '11111111-1111-4111-8111-111111111111', '--crm-sync-url', crmSyncUrl, '--token', 'user-token');
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({ integration_id: '11111111-1111-4111-8111-111111111111', status: 202, started: true });
      expect(syncCalls.at(-1)?.authorization).toBe('Bearer user-token');
    });

    it('exits 1 when crm-sync refuses and 3 when it is down', async () => {
      expect((await sentinel('sync', 'run', randomUUID(), '--crm-sync-url', crmSyncUrl, '--token', 't')).code).toBe(1);
      const down = `http://127.0.0.1:${await closedLoopbackPort()}`;
      expect((await sentinel('sync', 'run', randomUUID(), '--crm-sync-url', down, '--token', 't')).code).toBe(3);
    });
  });

  describe('audit verify', () => {
    it('verifies an intact chain, then names the edited row with exit 1', async () => {
      const { DataSource } = await import('typeorm');
      const dataSource = await new DataSource({ type: 'postgres', url: database.url }).initialize();
      const trail = new AuditTrail(dataSource, new ActivityLogRepository(dataSource));
      // Earlier commands (keys rotate) already appended their own events to this database's chain.
      const { rows: existing } = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM activity_log');
      const base = existing[0]!.count;
      for (let i = 0; i < 3; i++) await trail.record({ event: 'demo.checked', actor: { userId: 'alice' }, subject: { type: 'deal', id: String(i) } });
      await dataSource.destroy();

      const intact = await sentinel('--json', 'audit', 'verify', '--database-url', database.url);
      expect(intact.code).toBe(0);
      expect(JSON.parse(intact.stdout)).toMatchObject({ ok: true, rows: base + 3, headSeq: base + 3 });

      // The append-only trigger refuses edits; replica mode skips it, as an attacker with superuser could.
      await db.query('BEGIN');
      await db.query('SET LOCAL session_replication_role = replica');
      await db.query(`UPDATE activity_log SET event = 'demo.tampered' WHERE seq = $1`, [base + 2]);
      await db.query('COMMIT');
      const broken = await sentinel('--json', 'audit', 'verify', '--database-url', database.url);
      expect(broken.code).toBe(1);
      expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, brokenAtSeq: base + 2, reason: 'content_edited' });
    });
  });

  describe('doctor', () => {
    const healthy = () => ['--database-url', database.url, '--identity-url', identity.url];

    it('--json lists every check; exit 3 names the stopped dependency (a closed port) with a fix', async () => {
      const closed = await closedLoopbackPort();
      const run = await sentinel('--json', 'doctor', ...healthy(), '--redis-url', `redis://127.0.0.1:${closed}`);
      expect(run.code).toBe(3);
      const body = JSON.parse(run.stdout) as { ok: boolean; checks: Array<{ name: string; ok: boolean; fix?: string }> };
      expect(body.ok).toBe(false);
      const byName = new Map(body.checks.map((check) => [check.name, check]));
      expect(byName.get('PostgreSQL')?.ok).toBe(true);
      expect(byName.get('RabbitMQ')?.ok).toBe(true);
      expect(byName.get('identity JWKS')?.ok).toBe(true);
      expect(byName.get('Redis')).toMatchObject({ ok: false, fix: expect.stringContaining(`127.0.0.1:${closed}`) });
    });

    it('exits 1 on an invalid URL before dialling anything', async () => {
      const run = await sentinel('doctor', '--redis-url', 'not a url');
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('✗ REDIS_URL');
    });
  });
});
