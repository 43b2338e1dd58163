import { waitFor } from '@sentinel/testing';
import { usePiiCanary } from '@sentinel/testing-services';
import { CrmSyncHttpHarness } from '../support/crm-sync-http.harness';

jest.setTimeout(60_000);

interface ActivityRow {
  event: string;
  actor_user_id: string;
  impersonator_id: string | null;
  subject_type: string;
  subject_id: string;
  properties: Record<string, unknown>;
}

describe('crm-sync: sync metrics on /metrics, audit events for integration actions', () => {
  const canary = usePiiCanary();
  let harness: CrmSyncHttpHarness;
  let integrationId: string;

  const activity = async (subjectId: string, event: string): Promise<ActivityRow[]> =>
    (await harness.db.query<ActivityRow>(`SELECT event, actor_user_id, impersonator_id, subject_type, subject_id, properties FROM activity_log WHERE subject_id = $1 AND event = $2`, [subjectId, event])).rows;

  const connectHubSpot = async (subject: string): Promise<string> => {
    const { state, cookie } = await harness.connect('hubspot', subject);
    const callback = await harness.callback('hubspot', { code: harness.hubspot.tokens.issueAuthorizationCode(), state }, cookie);
    expect(callback.status).toBe(200);
    const id = callback.body.id as string;
    await waitFor('first sync', async () => (await harness.integrationRow(id))?.last_synced_at != null, 20_000);
    return id;
  };

  const metrics = async (): Promise<string> => (await harness.http().get('/metrics')).text;
  const sample = (text: string, name: string, labels: Record<string, string>): number => {
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{`) && Object.entries(labels).every(([key, value]) => candidate.includes(`${key}="${value}"`)));
    return line === undefined ? 0 : Number(line.split(' ').pop());
  };

  beforeAll(async () => {
    harness = await CrmSyncHttpHarness.start();
    await harness.user('user-alice');
    for (let index = 0; index < 4; index++) {
      harness.hubspot.store.addContact({ email: canary.email('contact'), firstname: canary.name('first'), lastname: canary.name('last'), company: canary.name('company') });
    }
    integrationId = await connectHubSpot('user-alice');
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('a completed sync is counted per provider: run outcome, contact changes, duration, provider calls; no ids or addresses in labels', async () => {
    const text = await metrics();
    expect(sample(text, 'crm_sync_runs_total', { provider: 'hubspot', outcome: 'completed' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'crm_sync_contacts_total', { provider: 'hubspot', change: 'created' })).toBe(4);
    expect(sample(text, 'crm_sync_contacts_total', { provider: 'hubspot', change: 'deleted' })).toBe(0);
    expect(sample(text, 'crm_sync_run_duration_seconds_count', { provider: 'hubspot' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'crm_sync_provider_calls_total', { provider: 'hubspot', outcome: 'ok' })).toBeGreaterThanOrEqual(2);
    const crmLines = text.split('\n').filter((line) => line.startsWith('crm_sync_'));
    expect(crmLines.join('\n')).not.toContain(integrationId);
    expect(crmLines.join('\n')).not.toMatch(/@|user-alice/);
  });

  it('connecting records integration.connected with the user from the verified state as actor', async () => {
    const rows = await activity(integrationId, 'integration.connected');
    expect(rows).toEqual([
      { event: 'integration.connected', actor_user_id: 'user-alice', impersonator_id: null, subject_type: 'integration', subject_id: integrationId, properties: { provider: 'hubspot' } },
    ]);
  });

  it('a manual sync by an impersonating administrator records both ids', async () => {
    const { token } = await harness.identity.mintToken({ subject: 'user-alice', impersonatorId: 'admin-ivy' });
    const response = await harness.http().post(`/integrations/${integrationId}/sync`).set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(202);
    expect(await activity(integrationId, 'integration.sync_requested')).toEqual([
      expect.objectContaining({ actor_user_id: 'user-alice', impersonator_id: 'admin-ivy', subject_type: 'integration', properties: { provider: 'hubspot' } }),
    ]);
    await waitFor('manual sync', async () => (await harness.integrationRow(integrationId))?.sync_lease_token == null, 20_000);
  });

  it('a refresh the provider rejects marks reauth_required and records integration.reauth_required (system actor), counted as auth_lost', async () => {
    const refresh = harness.hubspot.tokens.issueRefreshToken();
    harness.hubspot.tokens.revokeRefreshToken(refresh);
    const sealed = harness.cipher.encrypt(refresh, { table: 'integrations', column: 'refresh_token', rowId: integrationId });
    await harness.db.query(`UPDATE integrations SET refresh_token = $2, token_expires_at = now() - interval '1 minute' WHERE id = $1`, [integrationId, sealed]);
    const response = await harness.http().post(`/integrations/${integrationId}/sync`).set('Authorization', await harness.bearer('user-alice'));
    expect(response.status).toBe(202);
    await waitFor('reauth required', async () => (await harness.integrationRow(integrationId))?.status === 'reauth_required', 20_000);
    await waitFor('audit row', async () => (await activity(integrationId, 'integration.reauth_required')).length === 1, 5_000);
    expect(await activity(integrationId, 'integration.reauth_required')).toEqual([
      expect.objectContaining({ actor_user_id: 'system:crm-sync', impersonator_id: null, properties: { provider: 'hubspot', error_code: 'provider_auth_lost', owner_user_id: 'user-alice' } }),
    ]);
    expect(sample(await metrics(), 'crm_sync_runs_total', { provider: 'hubspot', outcome: 'auth_lost' })).toBe(1);
  });

  it('disconnecting records integration.disconnected with the caller as actor', async () => {
    const response = await harness.http().delete(`/integrations/${integrationId}`).set('Authorization', await harness.bearer('user-alice'));
    expect(response.status).toBe(204);
    expect(await activity(integrationId, 'integration.disconnected')).toEqual([
      expect.objectContaining({ actor_user_id: 'user-alice', impersonator_id: null, subject_id: integrationId, properties: { provider: 'hubspot' } }),
    ]);
  });

  it('SEN-ING-24 wrote no synced contact address or name to a log line or a metric', () => canary.expectNoLeaks());
});
