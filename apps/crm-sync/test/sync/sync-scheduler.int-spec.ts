// Test-only: the provider fakes (a tool) stand in for HubSpot in-process.
import { HubSpotFake } from '@sentinel/fakes';
import { IntegrationRepository } from '@sentinel/persistence';
import { HubSpotCrmClient } from '@sentinel/providers';
import { SyncSchedulerService } from '../../src/sync/sync-scheduler.service';
import { SyncTestFixture } from '../support/sync-test.fixture';

describe('sync scheduler', () => {
  const fixture = new SyncTestFixture();
  const fake = new HubSpotFake();
  let scheduler: SyncSchedulerService;

  beforeAll(async () => {
    await fixture.start();
    await fake.start();
    fake.store.seedContacts(5);
    const token = fake.issueAccessToken();
    fixture.useClients(() => new HubSpotCrmClient({ accessToken: token, basePath: fake.url }, fixture.executor()));
    scheduler = new SyncSchedulerService(new IntegrationRepository(fixture.dataSource), fixture.service, { intervalSeconds: 600, batchSize: 10 });
  });
  afterAll(async () => {
    await scheduler.onApplicationShutdown();
    await fake.stop();
    await fixture.stop();
  });

  it('syncs only connected CRM integrations that are due, oldest first, and not twice per interval', async () => {
    const never = await fixture.newIntegration('hubspot');
    const stale = await fixture.newIntegration('hubspot', { syncStage: 'incremental_pending', lastSyncedAt: new Date(Date.now() - 3_600_000) });
    const recent = await fixture.newIntegration('hubspot', { syncStage: 'incremental_pending', lastSyncedAt: new Date() });
    const failed = await fixture.newIntegration('hubspot', { syncStage: 'failed' });
    const reauth = await fixture.newIntegration('hubspot', { status: 'reauth_required' });
    const leased = await fixture.newIntegration('hubspot', { syncLeaseToken: '00000000-0000-4000-8000-000000000002', syncLeaseExpiresAt: new Date(Date.now() + 60_000) });
    const slack = await fixture.newIntegration('slack');

    expect(await scheduler.tick()).toBe(2);
    for (const synced of [never, stale]) expect((await fixture.integration(synced.id)).lastRunCounts).toMatchObject({ created: 5 });
    for (const untouched of [recent, failed, reauth, leased, slack]) expect((await fixture.integration(untouched.id)).lastRunCounts).toBeNull();

    expect(await scheduler.tick()).toBe(0);
  });

  it('skips a tick while the previous one is still running', async () => {
    await fixture.newIntegration('hubspot');
    const ticks = await Promise.all([scheduler.tick(), scheduler.tick()]);
    expect(ticks.sort()).toEqual([0, 1]);
  });
});
