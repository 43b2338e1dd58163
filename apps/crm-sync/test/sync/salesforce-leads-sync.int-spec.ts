// Test-only: the provider fakes (a tool) stand in for Salesforce in-process.
import { SalesforceFake } from '@sentinel/fakes';
import { SalesforceCrmClient } from '@sentinel/providers';
import { ReauthorizingCrmClient } from '../../src/credentials/reauthorizing-crm.client';
import { SyncTestFixture } from '../support/sync-test.fixture';

const SEEDED_AT = new Date(Date.UTC(2026, 0, 1));

describe('Salesforce Leads as contact-book entries (SALESFORCE_SYNC_LEADS)', () => {
  const fixture = new SyncTestFixture();
  let fake: SalesforceFake;

  beforeAll(() => fixture.start());
  afterAll(() => fixture.stop());

  beforeEach(async () => {
    fake = new SalesforceFake();
    await fake.start();
    const token = fake.issueAccessToken();
    // As the service builds it: the re-authorizing wrapper around the jsforce driver.
    fixture.useClients(() => {
      const client = new SalesforceCrmClient({ instanceUrl: fake.url, accessToken: token, batchSize: 200 }, fixture.executor());
      return new ReauthorizingCrmClient('salesforce', client, async () => client);
    });
  });
  afterEach(async () => {
    fixture.options.salesforceLeads = false;
    await fake.stop();
  });

  const seedLeads = (count: number) =>
    Array.from({ length: count }, (_, i) =>
      fake.store.addLead({ Email: `Lead.${i}@Prospect.example`, FirstName: `Lead${i}`, LastName: `Prospect${i}`, Company: 'Prospect Ltd', LastModifiedDate: new Date(SEEDED_AT.getTime() + i * 1000) }),
    );

  it('lists unconverted leads in pages beside contacts, then applies lead changes, conversions and deletions incrementally', async () => {
    fixture.options.salesforceLeads = true;
    const contacts = fake.store.seedContacts(250, { startAt: SEEDED_AT });
    const leads = seedLeads(250);
    fake.store.modifyLead(leads[0].Id, { Email: 'Lee Park <LEE.PARK@Prospect.Example>' }, SEEDED_AT);
    const alreadyConverted = fake.store.addLead({ Email: 'old@prospect.example', LastModifiedDate: SEEDED_AT, IsConverted: true });
    const integration = await fixture.newIntegration('salesforce', { instanceUrl: fake.url });

    const full = await fixture.service.sync(integration.id);
    expect(full).toMatchObject({ outcome: 'completed', phase: 'full', counts: { fetched: 500, created: 500, deleted: 0 } });
    expect(fake.queryCount('Lead')).toBe(1);
    // 250 contacts and 250 leads at 200 a page: one queryMore each.
    expect(fake.requestCount('queryMore')).toBe(2);
    const book = await fixture.contacts(integration.id);
    expect(book.filter((row) => row.external_id.startsWith('00Q'))).toHaveLength(250);
    expect(book.filter((row) => row.external_id.startsWith('003'))).toHaveLength(250);
    expect(book.find((row) => row.external_id === leads[0].Id)?.email).toBe('lee.park@prospect.example');
    expect(book.find((row) => row.external_id === alreadyConverted.Id)).toBeUndefined();
    expect(await fixture.integration(integration.id)).toMatchObject({ syncCursor: expect.objectContaining({ phase: 'incremental', leadsModifiedSince: expect.any(String) }) });

    fake.store.modifyLead(leads[1].Id, { FirstName: 'Changed' });
    const converted = fake.store.convertLead(leads[2].Id);
    fake.store.deleteLead(leads[3].Id);
    const fresh = fake.store.addLead({ Email: 'NEW.LEAD@prospect.example', LastName: 'Newcomer' });
    const queryAllBefore = fake.requestCount('queryAll');
    const incremental = await fixture.service.sync(integration.id);
    // The converted lead's Contact (1) plus four lead changes; created: that Contact and the new lead.
    expect(incremental).toMatchObject({ outcome: 'completed', phase: 'incremental', counts: { fetched: 5, created: 2, updated: 1, deleted: 2 } });
    expect(fake.queryCount('Lead')).toBe(2);
    expect(fake.requestCount('queryAll') - queryAllBefore).toBe(2);

    const after = await fixture.contacts(integration.id);
    const row = (id: string) => after.find((entry) => entry.external_id === id);
    expect(row(leads[1].Id)).toMatchObject({ first_name: 'Changed', deleted_at: null });
    expect(row(leads[2].Id)?.deleted_at).toBeInstanceOf(Date);
    expect(row(converted.Id)).toMatchObject({ email: leads[2].Email?.toLowerCase(), deleted_at: null });
    expect(row(leads[3].Id)?.deleted_at).toBeInstanceOf(Date);
    expect(row(fresh.Id)).toMatchObject({ email: 'new.lead@prospect.example', deleted_at: null });
    expect(row(contacts[0].Id)?.deleted_at).toBeNull();
    // The converted lead's address now belongs to its Contact only.
    expect((await fixture.lookupAddresses(integration.userId)).filter((email) => email === leads[2].Email?.toLowerCase())).toHaveLength(1);
  });

  it('commits lead pages one by one: a 503 storm on lead page 3 resumes from the stored continuation', async () => {
    fixture.options.salesforceLeads = true;
    fake.store.seedContacts(250, { startAt: SEEDED_AT });
    seedLeads(450);
    const integration = await fixture.newIntegration('salesforce', { instanceUrl: fake.url });
    // queryMore #1 is the contacts' second page, #2 the leads' second; #3 fails.
    fake.injectFault({ route: 'queryMore', status: 503, afterRequests: 2 });
    expect(await fixture.service.sync(integration.id)).toMatchObject({ outcome: 'temporary_failure' });
    expect(await fixture.contacts(integration.id)).toHaveLength(650);
    expect(await fixture.integration(integration.id)).toMatchObject({ syncCursor: expect.objectContaining({ phase: 'full', step: 'leads', continuation: expect.any(String) }) });

    fake.clearFaults();
    fixture.resetBreakers();
    expect(await fixture.service.sync(integration.id)).toMatchObject({ outcome: 'completed', phase: 'full', counts: { fetched: 50, created: 50, deleted: 0 } });
    expect(fake.queryCount('Lead')).toBe(1);
    const book = await fixture.contacts(integration.id);
    expect(book).toHaveLength(700);
    expect(book.filter((row) => row.deleted_at !== null)).toEqual([]);
  });

  it('sends no Lead query while the flag is off', async () => {
    fake.store.seedContacts(10, { startAt: SEEDED_AT });
    seedLeads(5);
    const integration = await fixture.newIntegration('salesforce', { instanceUrl: fake.url });

    expect(await fixture.service.sync(integration.id)).toMatchObject({ outcome: 'completed', phase: 'full', counts: { fetched: 10 } });
    fake.store.addLead({ Email: 'later@prospect.example' });
    expect(await fixture.service.sync(integration.id)).toMatchObject({ outcome: 'completed', phase: 'incremental' });
    expect(fake.queryCount('Lead')).toBe(0);
    expect(fake.queryCount('Contact')).toBe(2);
    expect((await fixture.contacts(integration.id)).filter((row) => row.external_id.startsWith('00Q'))).toEqual([]);
  });

  it('gives the Lead stream its own full listing when leads are switched on after incremental passes, and retires only unseen leads', async () => {
    const contacts = fake.store.seedContacts(5, { startAt: SEEDED_AT });
    const leads = seedLeads(3);
    const integration = await fixture.newIntegration('salesforce', { instanceUrl: fake.url });
    await fixture.service.sync(integration.id);

    fixture.options.salesforceLeads = true;
    const switchedOn = await fixture.service.sync(integration.id);
    // Contacts stay incremental (nothing changed); leads are listed in full although unchanged for months.
    expect(switchedOn).toMatchObject({ outcome: 'completed', phase: 'incremental', counts: { fetched: 3, created: 3, deleted: 0 } });
    // The Lead listing went through query (full), not queryAll: the only queryAll is the Contact stream's.
    expect(fake.queryCount('Lead')).toBe(1);
    expect(fake.requestCount('queryAll')).toBe(1);

    // Leads skipped for a pass: a conversion and a purge go unnoticed until the next full Lead listing.
    fixture.options.salesforceLeads = false;
    await fixture.service.sync(integration.id);
    fixture.options.salesforceLeads = true;
    fake.store.leads.delete(leads[0].Id);
    fake.store.convertLead(leads[1].Id);
    const relisted = await fixture.service.sync(integration.id);
    expect(relisted).toMatchObject({ outcome: 'completed', phase: 'incremental', counts: { deleted: 2 } });

    const book = await fixture.contacts(integration.id);
    const live = book.filter((row) => row.deleted_at === null).map((row) => row.external_id);
    expect(live).toContain(leads[2].Id);
    expect(live).not.toContain(leads[0].Id);
    expect(live).not.toContain(leads[1].Id);
    for (const contact of contacts) expect(live).toContain(contact.Id);
  });
});
