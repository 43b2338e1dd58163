// Test-only: the provider fakes (a tool) stand in for HubSpot in-process.
import { HubSpotFake } from '@sentinel/fakes';
import { ContactRepository, DealRepository } from '@sentinel/persistence';
import { HubSpotCrmClient, type CrmClient, type CrmContactRecord } from '@sentinel/providers';
import { waitFor } from '@sentinel/testing';
import type { EntityManager } from 'typeorm';
import type { IntegrationRef } from '../../src/sync/crm-record.mapper';
import { SyncPageWriter, type ContactPageResult } from '../../src/sync/sync-page.writer';
import { SyncTestFixture } from '../support/sync-test.fixture';

/**
 * Holds each contact page's transaction open until the engine has asked the provider for the page
 * after it: a run that fetched only after committing would never get there, and fails.
 */
class OverlapCheckingWriter extends SyncPageWriter {
  pagesWritten = 0;

  constructor(
    private readonly pagesRequested: () => number,
    private readonly pagesInListing: number,
  ) {
    super(new ContactRepository(), new DealRepository());
  }

  override async writeContacts(manager: EntityManager, integration: IntegrationRef, records: CrmContactRecord[]): Promise<ContactPageResult> {
    this.pagesWritten += 1;
    const page = this.pagesWritten;
    if (page < this.pagesInListing) {
      await waitFor(`page ${page + 1} to be requested while page ${page} is being written`, async () => this.pagesRequested() > page, 5_000, 5);
    }
    return super.writeContacts(manager, integration, records);
  }
}

describe('HubSpot sync fetches the next page while the current one is written', () => {
  const fixture = new SyncTestFixture();
  let fake: HubSpotFake;

  beforeAll(() => fixture.start());
  afterAll(() => fixture.stop());

  beforeEach(async () => {
    fake = new HubSpotFake();
    await fake.start();
    fixture.resetBreakers();
  });
  afterEach(() => fake.stop());

  it('asks for page N+1 before page N has committed, and stores every contact once with one request per page', async () => {
    fake.store.seedContacts(350);
    const hubspot = new HubSpotCrmClient({ accessToken: fake.issueAccessToken(), basePath: fake.url }, fixture.executor());
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
    fixture.useClients(() => new HubSpotCrmClient({ accessToken: fake.issueAccessToken(), basePath: fake.url }, fixture.executor()));
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
