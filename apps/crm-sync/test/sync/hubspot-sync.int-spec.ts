// Test-only: the provider fakes (a tool) stand in for HubSpot in-process.
import { HubSpotFake } from '@sentinel/fakes';
import type { IntegrationEntity } from '@sentinel/persistence';
import { HubSpotCrmClient, type CrmClient } from '@sentinel/providers';
import { OverlapCheckingWriter } from '../support/overlap-checking.writer';
import { SyncTestFixture } from '../support/sync-test.fixture';

describe('HubSpot sync into PostgreSQL', () => {
  const fixture = new SyncTestFixture();
  let fake: HubSpotFake;
  let token: string;
  const clientFor = () => new HubSpotCrmClient({ accessToken: token, basePath: fake.url }, fixture.executor());

  beforeAll(() => fixture.start());
  afterAll(() => fixture.stop());

  beforeEach(async () => {
    fake = new HubSpotFake();
    await fake.start();
    token = fake.issueAccessToken();
    fixture.useClients(clientFor);
    fixture.resetBreakers();
    fixture.events.length = 0;
  });
  afterEach(() => fake.stop());

  it('runs a full sync, normalizing emails, then incremental syncs of changes and deletions', async () => {
    const seeded = fake.store.seedContacts(250);
    fake.store.modifyContact(seeded[0].id, { email: '"Ann Lee" <Ann.Lee@Example.COM>', additionalEmails: ['ANN@other.org', 'broken@'] }, seeded[0].updatedAt);
    fake.store.modifyContact(seeded[1].id, { email: 'not an address' }, seeded[1].updatedAt);
    const deal = fake.store.addDeal({ dealname: 'Expansion', amount: '5000', contactIds: [seeded[0].id, seeded[2].id] });
    const integration = await fixture.newIntegration('hubspot');

    const full = await fixture.service.sync(integration.id);
    expect(full).toMatchObject({ outcome: 'completed', phase: 'full', counts: { fetched: 250, created: 250, updated: 0, deleted: 0, dealsFetched: 1 } });
    const contacts = await fixture.contacts(integration.id);
    expect(contacts).toHaveLength(250);
    expect(contacts.find((row) => row.external_id === seeded[0].id)).toMatchObject({ email: 'ann.lee@example.com', additional_emails: ['ann@other.org'] });
    expect(contacts.find((row) => row.external_id === seeded[1].id)?.email).toBeNull();
    const addresses = await fixture.lookupAddresses(integration.userId);
    expect(addresses).toHaveLength(250);
    expect(addresses).toEqual(expect.arrayContaining(['ann.lee@example.com', 'ann@other.org']));
    const dealContacts = await fixture.dataSource.query(
      `SELECT dc.contact_external_id FROM deal_contacts dc JOIN deals d ON d.id = dc.deal_id WHERE d.external_id = $1 ORDER BY 1`,
      [deal.id],
    );
    expect(dealContacts.map((row: { contact_external_id: string }) => row.contact_external_id)).toEqual([seeded[0].id, seeded[2].id].sort());

    const synced = await fixture.integration(integration.id);
    expect(synced).toMatchObject({ syncStage: 'incremental_pending', lastErrorCode: null, lastRunCounts: expect.objectContaining({ fetched: 250, created: 250 }) });
    expect(synced.syncLeaseToken).toBeNull();
    const added = fixture.eventsOf('contacts.added').flatMap((event) => event.data.contact_ids as string[]);
    expect(new Set(added).size).toBe(250);
    expect(fixture.eventsOf('contacts.synced')).toEqual([
      { type: 'contacts.synced', data: expect.objectContaining({ integration_id: integration.id, phase: 'full', fetched: 250, created: 250 }) },
    ]);
    expect(JSON.stringify(fixture.events)).not.toMatch(/@/);

    fake.store.modifyContact(seeded[5].id, { firstname: 'Renamed' });
    fake.store.modifyContact(seeded[6].id, { email: 'new.address@example.com' });
    fake.store.archiveContact(seeded[7].id);
    fake.store.addContact({ email: 'fresh@example.com' });
    const searchesBefore = fake.requestCount('contacts.search');
    fixture.events.length = 0;
    // The next bound is this run's start and inclusive: keep the changes out of its millisecond.
    await new Promise((resolve) => setTimeout(resolve, 5));

    const incremental = await fixture.service.sync(integration.id);
    expect(incremental).toMatchObject({ outcome: 'completed', phase: 'incremental', counts: { fetched: 4, created: 1, updated: 2, deleted: 1 } });
    expect(fake.requestCount('contacts.search') - searchesBefore).toBe(1);
    const after = await fixture.contacts(integration.id);
    expect(after).toHaveLength(251);
    expect(after.find((row) => row.external_id === seeded[5].id)?.first_name).toBe('Renamed');
    expect(after.find((row) => row.external_id === seeded[7].id)?.deleted_at).toBeInstanceOf(Date);
    const lookups = await fixture.lookupAddresses(integration.userId);
    expect(lookups).toEqual(expect.arrayContaining(['new.address@example.com', 'fresh@example.com']));
    expect(lookups).not.toContain(`contact.${seeded[7].id}@example.com`);
    expect(lookups).not.toContain(`contact.${seeded[6].id}@example.com`);

    const quiet = await fixture.service.sync(integration.id);
    expect(quiet).toMatchObject({ outcome: 'completed', phase: 'incremental', counts: { fetched: 0, created: 0, deleted: 0 } });
  });

  it('resumes a sync killed after page 2 without duplicates or loss', async () => {
    fake.store.seedContacts(350);
    const integration = await fixture.newIntegration('hubspot');
    fake.injectFault({ route: 'contacts.list', status: 500, afterRequests: 2 });

    const killed = await fixture.service.sync(integration.id);
    expect(killed).toMatchObject({ outcome: 'temporary_failure', counts: { fetched: 200, created: 200 } });
    const stopped = await fixture.integration(integration.id);
    expect(stopped).toMatchObject({ syncStage: 'full_pending', lastErrorCode: expect.stringMatching(/provider_(unavailable|circuit_open)/) });
    expect(stopped.syncCursor).toMatchObject({ phase: 'full', step: 'contacts', continuation: expect.any(String) });
    expect(await fixture.contacts(integration.id)).toHaveLength(200);

    fake.clearFaults();
    fixture.resetBreakers();
    const resumed = await fixture.service.sync(integration.id);
    expect(resumed).toMatchObject({ outcome: 'completed', phase: 'full', counts: { fetched: 150, created: 150, deleted: 0 } });
    const { rows, distinct } = await fixture.contactRowCounts(integration.id);
    expect({ rows, distinct }).toEqual({ rows: 350, distinct: 350 });
  });

  describe('fetching the next page while the current one is written', () => {
    it('asks for page N+1 before page N has committed, and stores every contact once with one request per page', async () => {
      fake.store.seedContacts(350);
      const hubspot = clientFor();
      let contactPagesRequested = 0;
      const counting: CrmClient = {
        provider: 'hubspot',
        fetchContacts: (request) => {
          contactPagesRequested += 1;
          return hubspot.fetchContacts(request);
        },
        fetchDeals: (continuation) => hubspot.fetchDeals(continuation),
      };
      fixture.useClients(() => counting);
      const writer = new OverlapCheckingWriter(() => contactPagesRequested, 4);
      const integration = await fixture.newIntegration('hubspot');

      const result = await fixture.engine(writer).sync(integration.id);

      expect(result).toMatchObject({ outcome: 'completed', counts: { fetched: 350, created: 350 } });
      expect(writer.pagesWritten).toBe(4);
      expect(fake.requestCount('contacts.list')).toBe(4);
      const { rows, distinct } = await fixture.contactRowCounts(integration.id);
      expect({ rows, distinct }).toEqual({ rows: 350, distinct: 350 });
    });

    it('keeps the page written before a failed prefetch, and resumes at the page that failed', async () => {
      fake.store.seedContacts(250);
      const integration = await fixture.newIntegration('hubspot');
      // The second request fails: it is the prefetch made while page 1 is written.
      fake.injectFault({ route: 'contacts.list', status: 500, afterRequests: 1 });

      const failed = await fixture.service.sync(integration.id);
      expect(failed).toMatchObject({ outcome: 'temporary_failure', counts: { fetched: 100, created: 100 } });
      expect(await fixture.contacts(integration.id)).toHaveLength(100);
      expect((await fixture.integration(integration.id)).syncCursor).toMatchObject({ step: 'contacts', continuation: expect.any(String) });

      fake.clearFaults();
      fixture.resetBreakers();
      expect(await fixture.service.sync(integration.id)).toMatchObject({ outcome: 'completed', counts: { fetched: 150, created: 150 } });
      expect(await fixture.contacts(integration.id)).toHaveLength(250);
    });
  });

  it('waits out a 429 storm (Retry-After) and completes', async () => {
    fake.store.seedContacts(120);
    const integration = await fixture.newIntegration('hubspot');
    fake.injectFault({ route: 'contacts.list', status: 429, retryAfterSeconds: 1, times: 2 });
    const started = Date.now();
    const result = await fixture.service.sync(integration.id);
    expect(result).toMatchObject({ outcome: 'completed', counts: { created: 120 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(fake.requestCount('contacts.list')).toBe(4);
  });

  it('opens the breaker in a 5xx storm, stops calling, and recovers when the provider does', async () => {
    fake.store.seedContacts(50);
    const first = await fixture.newIntegration('hubspot');
    const second = await fixture.newIntegration('hubspot');
    fake.injectFault({ status: 503 });

    expect(await fixture.service.sync(first.id)).toMatchObject({ outcome: 'temporary_failure' });
    expect(await fixture.service.sync(first.id)).toMatchObject({ outcome: 'temporary_failure', errorCode: 'provider_circuit_open' });
    const whileOpen = fake.requestCount();
    // The breaker is per provider: another integration is short-circuited too.
    expect(await fixture.service.sync(second.id)).toMatchObject({ outcome: 'temporary_failure', errorCode: 'provider_circuit_open' });
    expect(fake.requestCount()).toBe(whileOpen);
    expect(fixture.breakers.state('hubspot')).toBe('open');

    fake.clearFaults();
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await fixture.service.sync(first.id)).toMatchObject({ outcome: 'completed', counts: { created: 50 } });
    expect(fixture.breakers.state('hubspot')).toBe('closed');
  });

  it('marks the integration for re-authorization when the token is rejected', async () => {
    const integration = await fixture.newIntegration('hubspot');
    fake.tokens.expireAccessToken(token);
    expect(await fixture.service.sync(integration.id)).toMatchObject({ outcome: 'auth_lost', errorCode: 'provider_auth_lost' });
    expect(await fixture.integration(integration.id)).toMatchObject({ status: 'reauth_required', syncStage: 'failed', lastErrorCode: 'provider_auth_lost' });
    expect(await fixture.service.sync(integration.id)).toEqual({ outcome: 'skipped' });
  });

  it('runs one sync per integration at a time', async () => {
    fake.store.seedContacts(300);
    const integration: IntegrationEntity = await fixture.newIntegration('hubspot');
    const results = await Promise.all([fixture.service.sync(integration.id), fixture.service.sync(integration.id)]);
    expect(results.map((result) => result.outcome).sort()).toEqual(['completed', 'skipped']);
    expect(await fixture.contacts(integration.id)).toHaveLength(300);
    expect(fake.requestCount('contacts.list')).toBe(3);
  });

  it('takes over an integration whose previous run died holding the lease, once the lease expired', async () => {
    fake.store.seedContacts(10);
    const integration = await fixture.newIntegration('hubspot', { syncLeaseToken: '00000000-0000-4000-8000-000000000001', syncLeaseExpiresAt: new Date(Date.now() + 60_000) });
    expect(await fixture.service.sync(integration.id)).toEqual({ outcome: 'skipped' });
    await fixture.dataSource.query(`UPDATE integrations SET sync_lease_expires_at = now() - interval '1 second' WHERE id = $1`, [integration.id]);
    expect(await fixture.service.sync(integration.id)).toMatchObject({ outcome: 'completed', counts: { created: 10 } });
  });

  it('rolls back a page when its lease was taken over, leaving the new holder\'s cursor alone', async () => {
    fake.store.seedContacts(150);
    const integration = await fixture.newIntegration('hubspot');
    fixture.useClients(async (current) => {
      await fixture.dataSource.query(`UPDATE integrations SET sync_lease_token = gen_random_uuid() WHERE id = $1`, [current.id]);
      return clientFor();
    });
    expect(await fixture.service.sync(integration.id)).toMatchObject({ outcome: 'lease_lost' });
    expect(await fixture.contacts(integration.id)).toHaveLength(0);
    expect((await fixture.integration(integration.id)).syncCursor).toBeNull();
  });
});
