import { randomUUID } from 'node:crypto';
import { waitFor } from '@sentinel/testing';
import { CrmSyncHttpHarness } from '../support/crm-sync-http.harness';

jest.setTimeout(60_000);

describe('GET/DELETE /integrations, POST /integrations/:id/sync, GET /contacts', () => {
  let harness: CrmSyncHttpHarness;
  let aliceIntegration: string;
  let bobIntegration: string;

  const send = async (method: 'get' | 'post' | 'delete', path: string, subject: string) =>
    harness.http()[method](path).set('Authorization', await harness.bearer(subject));

  /** Connects through the whole flow and waits for the first sync. */
  const connectHubSpot = async (subject: string): Promise<string> => {
    const { state, cookie } = await harness.connect('hubspot', subject);
    const callback = await harness.callback('hubspot', { code: harness.hubspot.tokens.issueAuthorizationCode(), state }, cookie);
    const id = callback.body.id as string;
    await waitFor('first sync', async () => (await harness.integrationRow(id))?.last_synced_at != null, 20_000);
    return id;
  };

  beforeAll(async () => {
    harness = await CrmSyncHttpHarness.start();
    await harness.user('user-alice');
    await harness.user('user-bob');
    await harness.user('user-eve', []);
    await harness.user('user-viewer', ['crm.integrations.view', 'crm.contacts.view']);
    const [first] = harness.hubspot.store.seedContacts(5);
    harness.hubspot.store.modifyContact(first!.id, { email: 'Ann.Lee@Example.com', lastname: 'Aaron' });
    aliceIntegration = await connectHubSpot('user-alice');
    bobIntegration = await connectHubSpot('user-bob');
  });

  afterAll(async () => {
    await harness?.close();
  });

  describe('authentication and permissions', () => {
    const someId = randomUUID();
    it.each([
      ['get', '/integrations'],
      ['post', '/integrations/hubspot/connect'],
      ['delete', `/integrations/${someId}`],
      ['post', `/integrations/${someId}/sync`],
      ['get', '/contacts'],
      ['get', `/contacts/${someId}`],
    ] as const)('%s %s: 401 without a token, 403 with the permission body without the permission', async (method, path) => {
      const anonymous = await harness.http()[method](path);
      expect(anonymous.status).toBe(401);
      const denied = await send(method, path, 'user-eve');
      expect(denied.status).toBe(403);
      expect(denied.body).toMatchObject({ error: 'permission_denied', required_permission: expect.stringMatching(/\.crm\.(integrations|contacts)\.\w+$/), user_id: 'user-eve' });
    });

    it('viewing does not allow managing or syncing', async () => {
      expect((await send('post', '/integrations/hubspot/connect', 'user-viewer')).body.required_permission).toMatch(/crm\.integrations\.manage$/);
      expect((await send('post', `/integrations/${aliceIntegration}/sync`, 'user-viewer')).body.required_permission).toMatch(/crm\.integrations\.sync$/);
      expect((await send('delete', `/integrations/${aliceIntegration}`, 'user-viewer')).status).toBe(403);
    });
  });

  it("lists only the caller's integrations with state and counts, never a token", async () => {
    const response = await send('get', '/integrations', 'user-alice');
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual([
      {
        id: aliceIntegration,
        provider: 'hubspot',
        status: 'connected',
        stage: 'incremental_pending',
        syncing: false,
        external_account_id: expect.any(String),
        last_synced_at: expect.any(String),
        last_error_code: null,
        last_run: expect.objectContaining({ fetched: 5, created: 5 }),
        created_at: expect.any(String),
      },
    ]);
    const text = JSON.stringify(response.body);
    expect(text).not.toMatch(/enc:v1:|hubspot-at-|hubspot-rt-|token/);
  });

  it("another user's integration is a 404 for sync and delete", async () => {
    for (const method of ['post', 'delete'] as const) {
      const path = method === 'post' ? `/integrations/${bobIntegration}/sync` : `/integrations/${bobIntegration}`;
      const response = await send(method, path, 'user-alice');
      expect(response.status).toBe(404);
      expect(response.body.error).toBe('integration_not_found');
    }
    expect((await harness.integrationRow(bobIntegration))!.status).toBe('connected');
  });

  it('POST /integrations/:id/sync starts a run (202); while a run holds the lease it is a 409', async () => {
    // A run on another replica holds the lease.
    await harness.db.query(`UPDATE integrations SET sync_lease_token = $2, sync_lease_expires_at = now() + interval '1 minute' WHERE id = $1`, [aliceIntegration, randomUUID()]);
    const busy = await send('post', `/integrations/${aliceIntegration}/sync`, 'user-alice');
    expect(busy.status).toBe(409);
    expect(busy.body.error).toBe('sync_already_running');
    expect((await send('get', '/integrations', 'user-alice')).body.data[0].syncing).toBe(true);

    await harness.db.query(`UPDATE integrations SET sync_lease_token = NULL, sync_lease_expires_at = NULL WHERE id = $1`, [aliceIntegration]);
    const before = (await harness.integrationRow(aliceIntegration))!.last_synced_at as Date;
    const started = await send('post', `/integrations/${aliceIntegration}/sync`, 'user-alice');
    expect(started.status).toBe(202);
    expect(started.body).toEqual({ id: aliceIntegration, status: 'sync_started' });
    await waitFor('manual sync', async () => ((await harness.integrationRow(aliceIntegration))!.last_synced_at as Date) > before, 20_000);
  });

  describe('GET /contacts', () => {
    it("lists the caller's contacts, paged, sorted by a whitelisted field", async () => {
      const page = await send('get', '/contacts?per_page=2&sort=last_name', 'user-alice');
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ page: 1, per_page: 2, total: 5 });
      expect(page.body.data).toHaveLength(2);
      expect(page.body.data[0]).toMatchObject({ integration_id: aliceIntegration, last_name: 'Aaron', email: 'ann.lee@example.com' });
    });

    it('filters by integration and by a normalized email', async () => {
      const byEmail = await send('get', '/contacts?email=%20ANN.LEE@example.COM', 'user-alice');
      expect(byEmail.body.data.map((contact: { email: string }) => contact.email)).toEqual(['ann.lee@example.com']);
      expect((await send('get', `/contacts?integration_id=${bobIntegration}`, 'user-alice')).body.total).toBe(0);
      expect((await send('get', `/contacts?integration_id=${aliceIntegration}`, 'user-alice')).body.total).toBe(5);
    });

    it("GET /contacts/:id: own contact 200, another user's 404", async () => {
      const [aliceContact] = (await send('get', '/contacts', 'user-alice')).body.data as { id: string }[];
      expect((await send('get', `/contacts/${aliceContact!.id}`, 'user-alice')).status).toBe(200);
      const other = await send('get', `/contacts/${aliceContact!.id}`, 'user-bob');
      expect(other.status).toBe(404);
      expect(other.body.error).toBe('contact_not_found');
    });

    it.each([
      ['per_page above 100', '/contacts?per_page=101'],
      ['per_page zero', '/contacts?per_page=0'],
      ['a field outside the sort whitelist', '/contacts?sort=user_id'],
      ['SQL in sort', '/contacts?sort=synced_at;DROP%20TABLE%20contacts'],
      ['a repeated sort', '/contacts?sort=email&sort=-email'],
      ['an unknown filter', '/contacts?owner=user-bob'],
      ['a malformed integration id', '/contacts?integration_id=nope'],
      ['a malformed contact id', '/contacts/nope'],
    ])('%s is a 400', async (_label, path) => {
      const response = await send('get', path, 'user-alice');
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('validation_failed');
    });
  });

  it('DELETE erases the tokens, marks the integration disconnected and retires its contacts', async () => {
    const response = await send('delete', `/integrations/${aliceIntegration}`, 'user-alice');
    expect(response.status).toBe(204);
    const row = (await harness.integrationRow(aliceIntegration))!;
    expect(row).toMatchObject({ status: 'disconnected', access_token: null, refresh_token: null, token_expires_at: null, sync_lease_token: null });
    const { rows } = await harness.db.query<{ live: string; addresses: string }>(
      `SELECT (SELECT count(*) FROM contacts WHERE integration_id = $1 AND deleted_at IS NULL) AS live,
              (SELECT count(*) FROM contact_emails e JOIN contacts c ON c.id = e.contact_id WHERE c.integration_id = $1) AS addresses`,
      [aliceIntegration],
    );
    expect(rows[0]).toEqual({ live: '0', addresses: '0' });
    expect((await send('get', '/contacts', 'user-alice')).body.total).toBe(0);
    expect((await send('get', '/integrations', 'user-alice')).body.data[0]).toMatchObject({ status: 'disconnected' });
    // A disconnected integration cannot be synced; deleting again is harmless.
    expect((await send('post', `/integrations/${aliceIntegration}/sync`, 'user-alice')).status).toBe(409);
    expect((await send('delete', `/integrations/${aliceIntegration}`, 'user-alice')).status).toBe(204);
  });
});
