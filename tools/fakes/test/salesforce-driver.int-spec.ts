import { CircuitBreakerRegistry, ProviderCallExecutor, ProviderErrorCode, SalesforceCrmClient, type CrmContactRecord } from '@sentinel/providers';
import { SalesforceFake } from '../src';

const FAST_RETRY = { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 5_000 };

async function allContacts(client: SalesforceCrmClient, modifiedSince: Date | null): Promise<CrmContactRecord[]> {
  const records: CrmContactRecord[] = [];
  let continuation: string | null = null;
  do {
    const page = await client.fetchContacts({ modifiedSince, continuation });
    records.push(...page.records);
    continuation = page.next;
  } while (continuation !== null);
  return records;
}

describe('Salesforce driver against the Salesforce fake', () => {
  const fake = new SalesforceFake();
  let breakers: CircuitBreakerRegistry;
  let client: SalesforceCrmClient;

  beforeAll(() => fake.start());
  afterAll(() => fake.stop());

  beforeEach(() => {
    breakers = new CircuitBreakerRegistry({ errorThresholdPercentage: 50, volumeThreshold: 4, rollingCountTimeoutMs: 10_000, resetTimeoutMs: 300, callTimeoutMs: 5_000 });
    client = new SalesforceCrmClient({ instanceUrl: fake.url, accessToken: fake.issueAccessToken(), batchSize: 200 }, new ProviderCallExecutor(breakers, FAST_RETRY));
    fake.clearFaults();
  });
  afterEach(() => breakers.shutdown());

  it('pages through a query with nextRecordsUrl (queryMore), skipping deleted rows', async () => {
    const seeded = fake.store.seedContacts(450);
    fake.store.modifyContact(seeded[0].Id, { Email: 'Ann <ANN@Example.com>' });
    fake.store.deleteContact(seeded[1].Id);
    const records = await allContacts(client, null);
    expect(fake.requestCount('query')).toBe(1);
    expect(fake.requestCount('queryMore')).toBe(2);
    expect(records).toHaveLength(449);
    expect(records.find((record) => record.externalId === seeded[0].Id)).toMatchObject({ email: 'ann@example.com', company: 'Acme Corporation', deleted: false });
  });

  it('returns modified and deleted contacts since an instant through queryAll', async () => {
    const since = new Date(Date.UTC(2027, 5, 1));
    const [changed, deleted] = fake.store.seedContacts(2);
    fake.store.modifyContact(changed.Id, { FirstName: 'Changed' }, new Date(since.getTime() + 1_000));
    fake.store.deleteContact(deleted.Id, new Date(since.getTime() + 2_000));
    const records = await allContacts(client, since);
    expect(records).toEqual([
      expect.objectContaining({ externalId: changed.Id, firstName: 'Changed', deleted: false }),
      expect.objectContaining({ externalId: deleted.Id, deleted: true }),
    ]);
    expect(fake.requestCount('queryAll')).toBe(1);
  });

  it('lists unconverted leads in the wire format (attributes.type Lead), and converted or recycled ones through queryAll as deletions', async () => {
    const since = new Date(Date.UTC(2027, 7, 1));
    const open = fake.store.addLead({ Email: 'Pat <PAT@Prospect.Example>', FirstName: 'Pat', LastName: 'Lee', Company: 'Prospect Ltd', LastModifiedDate: since });
    const converted = fake.store.addLead({ Email: 'conv@prospect.example', LastModifiedDate: since });
    const recycled = fake.store.addLead({ Email: 'gone@prospect.example', LastModifiedDate: since });
    const contact = fake.store.convertLead(converted.Id, new Date(since.getTime() + 1_000));
    fake.store.deleteLead(recycled.Id, new Date(since.getTime() + 2_000));

    const soql = 'SELECT Id, Email, FirstName, LastName, Company, LastModifiedDate, IsDeleted, IsConverted FROM Lead WHERE IsConverted = false';
    const raw = await fetch(`${fake.url}/services/data/v59.0/query?q=${encodeURIComponent(soql)}`, { headers: { authorization: `Bearer ${fake.issueAccessToken()}` } });
    const body = (await raw.json()) as { records: Record<string, unknown>[] };
    expect(body.records.find((record) => record.Id === open.Id)).toEqual({
      attributes: { type: 'Lead', url: `/services/data/v59.0/sobjects/Lead/${open.Id}` },
      Id: open.Id, Email: 'Pat <PAT@Prospect.Example>', FirstName: 'Pat', LastName: 'Lee', Company: 'Prospect Ltd',
      LastModifiedDate: since.toISOString().replace('Z', '+0000'), IsDeleted: false, IsConverted: false,
    });
    expect(body.records.map((record) => record.Id)).not.toContain(converted.Id);

    const full = await client.fetchLeads({ modifiedSince: null, continuation: null });
    expect(full.records.find((record) => record.externalId === open.Id)).toMatchObject({ email: 'pat@prospect.example', company: 'Prospect Ltd', deleted: false });
    expect(full.records.map((record) => record.externalId)).not.toContain(converted.Id);

    const changes = await client.fetchLeads({ modifiedSince: new Date(since.getTime() + 1_000), continuation: null });
    expect(changes.records).toEqual([
      expect.objectContaining({ externalId: converted.Id, deleted: true }),
      expect.objectContaining({ externalId: recycled.Id, deleted: true }),
    ]);
    expect(contact.Id.startsWith('003')).toBe(true);
    expect(fake.queryCount('Lead')).toBe(3);
  });

  it('lists opportunities with their contact roles', async () => {
    const [contact] = fake.store.seedContacts(1);
    const opportunity = fake.store.addOpportunity({ Name: 'Renewal', Amount: 9000.5, ContactIds: [contact.Id] });
    const lonely = fake.store.addOpportunity({ Name: 'No roles' });
    const page = await client.fetchDeals(null);
    expect(page.records.find((record) => record.externalId === opportunity.Id)).toEqual(
      expect.objectContaining({ name: 'Renewal', amount: '9000.5', closeDate: '2026-06-30', contactExternalIds: [contact.Id] }),
    );
    expect(page.records.find((record) => record.externalId === lonely.Id)?.contactExternalIds).toEqual([]);
  });

  it('reports INVALID_SESSION_ID as auth lost, without retrying', async () => {
    const token = fake.issueAccessToken();
    fake.tokens.expireAccessToken(token);
    const expired = new SalesforceCrmClient({ instanceUrl: fake.url, accessToken: token }, new ProviderCallExecutor(breakers, FAST_RETRY));
    const before = fake.requestCount('query');
    await expect(expired.fetchDeals(null)).rejects.toMatchObject({ code: ProviderErrorCode.AuthLost });
    expect(fake.requestCount('query') - before).toBe(1);
  });

  it('retries a 429 and a 503, and opens the breaker under a storm', async () => {
    fake.injectFault({ route: 'query', status: 429, times: 1 });
    fake.injectFault({ route: 'query', status: 503, times: 1 });
    await expect(client.fetchDeals(null)).resolves.toBeDefined();

    fake.injectFault({ route: 'query', status: 500 });
    await expect(client.fetchDeals(null)).rejects.toMatchObject({ code: expect.stringMatching(/provider_(unavailable|circuit_open)/) });
    await expect(client.fetchDeals(null)).rejects.toMatchObject({ code: ProviderErrorCode.CircuitOpen });
    fake.clearFaults();
    await new Promise((resolve) => setTimeout(resolve, 350));
    await expect(client.fetchDeals(null)).resolves.toBeDefined();
    expect(breakers.state('salesforce')).toBe('closed');
  });

  it('answers the token endpoint without expires_in, and a refresh without a new refresh token', async () => {
    const post = (body: Record<string, string>) =>
      fetch(`${fake.url}/services/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body) });
    const first = (await (await post({ grant_type: 'authorization_code', code: fake.tokens.issueAuthorizationCode() })).json()) as Record<string, string>;
    expect(Object.keys(first).sort()).toEqual(['access_token', 'id', 'instance_url', 'issued_at', 'refresh_token', 'scope', 'signature', 'token_type']);
    expect(first.instance_url).toBe(fake.url);
    const refreshed = (await (await post({ grant_type: 'refresh_token', refresh_token: first.refresh_token })).json()) as Record<string, string>;
    expect(refreshed).not.toHaveProperty('refresh_token');
    expect(refreshed).not.toHaveProperty('expires_in');
  });
});
