// Test-only: the provider fakes (a tool) stand in for Salesforce in-process.
import { SalesforceFake } from '@sentinel/fakes';
import { SalesforceCrmClient } from '@sentinel/providers';
import { SyncTestFixture } from '../support/sync-test.fixture';

describe('Salesforce sync into PostgreSQL', () => {
  const fixture = new SyncTestFixture();
  const fake = new SalesforceFake();
  let token: string;
  const clientFor = () => new SalesforceCrmClient({ instanceUrl: fake.url, accessToken: token, batchSize: 200 }, fixture.executor());

  beforeAll(async () => {
    await fixture.start();
    await fake.start();
    token = fake.issueAccessToken();
    fixture.useClients(clientFor);
  });
  afterAll(async () => {
    await fake.stop();
    await fixture.stop();
  });

  it('syncs contacts and opportunities in full, then changes, recycle-bin deletions and purges', async () => {
    const seeded = fake.store.seedContacts(450);
    fake.store.modifyContact(seeded[0].Id, { Email: 'Bea Kim <BEA.KIM@Example.org>' }, seeded[0].LastModifiedDate);
    fake.store.deleteContact(seeded[1].Id, seeded[1].LastModifiedDate);
    const opportunity = fake.store.addOpportunity({ Name: 'Renewal', Amount: 12000, ContactIds: [seeded[0].Id, seeded[2].Id] });
    const integration = await fixture.newIntegration('salesforce', { instanceUrl: fake.url });

    const full = await fixture.service.sync(integration.id);
    expect(full).toMatchObject({ outcome: 'completed', phase: 'full', counts: { fetched: 449, created: 449, deleted: 0, dealsFetched: 1 } });
    expect(fake.requestCount('queryMore')).toBe(2);
    const contacts = await fixture.contacts(integration.id);
    expect(contacts).toHaveLength(449);
    expect(contacts.find((row) => row.external_id === seeded[0].Id)?.email).toBe('bea.kim@example.org');
    const [deal] = await fixture.dataSource.query(
      `SELECT d.name, d.amount, array_agg(dc.contact_external_id ORDER BY dc.contact_external_id) AS contact_ids
       FROM deals d JOIN deal_contacts dc ON dc.deal_id = d.id WHERE d.external_id = $1 GROUP BY d.id`,
      [opportunity.Id],
    );
    expect(deal).toEqual({ name: 'Renewal', amount: '12000', contact_ids: [seeded[0].Id, seeded[2].Id].sort() });

    fake.store.modifyContact(seeded[3].Id, { FirstName: 'Changed' });
    fake.store.deleteContact(seeded[4].Id);
    fake.store.addContact({ Email: 'new@example.org', LastName: 'New' });
    const incremental = await fixture.service.sync(integration.id);
    expect(incremental).toMatchObject({ outcome: 'completed', phase: 'incremental', counts: { fetched: 3, created: 1, updated: 1, deleted: 1 } });
    expect(fake.requestCount('queryAll')).toBe(1);
    const after = await fixture.contacts(integration.id);
    expect(after.find((row) => row.external_id === seeded[3].Id)?.first_name).toBe('Changed');
    expect(after.find((row) => row.external_id === seeded[4].Id)?.deleted_at).toBeInstanceOf(Date);

    // A purged record never shows up again, even in queryAll: only a full pass can notice it is gone.
    fake.store.purgeContact(seeded[5].Id);
    await fixture.dataSource.query(`UPDATE integrations SET sync_cursor = NULL WHERE id = $1`, [integration.id]);
    const resync = await fixture.service.sync(integration.id);
    expect(resync).toMatchObject({ outcome: 'completed', phase: 'full', counts: { created: 0, deleted: 1 } });
    const final = await fixture.contacts(integration.id);
    expect(final.find((row) => row.external_id === seeded[5].Id)?.deleted_at).toBeInstanceOf(Date);
    expect(final.filter((row) => row.deleted_at === null)).toHaveLength(448);
  });

  it('marks the integration for re-authorization on INVALID_SESSION_ID', async () => {
    const integration = await fixture.newIntegration('salesforce', { instanceUrl: fake.url });
    const expired = fake.issueAccessToken();
    fake.tokens.expireAccessToken(expired);
    fixture.useClients(() => new SalesforceCrmClient({ instanceUrl: fake.url, accessToken: expired }, fixture.executor()));
    const result = await fixture.service.sync(integration.id);
    fixture.useClients(clientFor);
    expect(result).toMatchObject({ outcome: 'auth_lost', errorCode: 'provider_auth_lost' });
    expect(await fixture.integration(integration.id)).toMatchObject({ status: 'reauth_required', syncStage: 'failed' });
  });

  it('resumes a query interrupted by a 503 storm after page 2', async () => {
    const integration = await fixture.newIntegration('salesforce', { instanceUrl: fake.url });
    fake.injectFault({ route: 'queryMore', status: 503, afterRequests: 1 });
    const killed = await fixture.service.sync(integration.id);
    expect(killed).toMatchObject({ outcome: 'temporary_failure' });
    expect((await fixture.contacts(integration.id)).length).toBe(400);

    fake.clearFaults();
    fixture.resetBreakers();
    const resumed = await fixture.service.sync(integration.id);
    expect(resumed).toMatchObject({ outcome: 'completed', phase: 'full' });
    const { rows, distinct } = await fixture.contactRowCounts(integration.id);
    expect(rows).toBe(distinct);
    expect(rows).toBe(fake.store.contacts.size - [...fake.store.contacts.values()].filter((contact) => contact.IsDeleted).length);
  });
});
