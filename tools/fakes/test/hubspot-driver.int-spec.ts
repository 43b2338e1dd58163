import { CircuitBreakerRegistry, HubSpotCrmClient, ProviderCallExecutor, ProviderErrorCode, type CrmContactRecord } from '@sentinel/providers';
import { HubSpotFake } from '../src';

const FAST_RETRY = { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 5_000 };

async function allContacts(client: HubSpotCrmClient, modifiedSince: Date | null): Promise<CrmContactRecord[]> {
  const records: CrmContactRecord[] = [];
  let continuation: string | null = null;
  do {
    const page = await client.fetchContacts({ modifiedSince, continuation });
    records.push(...page.records);
    continuation = page.next;
  } while (continuation !== null);
  return records;
}

describe('HubSpot driver against the HubSpot fake', () => {
  const fake = new HubSpotFake();
  let breakers: CircuitBreakerRegistry;
  let client: HubSpotCrmClient;

  beforeAll(() => fake.start());
  afterAll(() => fake.stop());

  beforeEach(() => {
    breakers = new CircuitBreakerRegistry({ errorThresholdPercentage: 50, volumeThreshold: 4, rollingCountTimeoutMs: 10_000, resetTimeoutMs: 300, callTimeoutMs: 5_000 });
    client = new HubSpotCrmClient({ accessToken: fake.issueAccessToken(), basePath: fake.url }, new ProviderCallExecutor(breakers, FAST_RETRY));
    fake.clearFaults();
  });
  afterEach(() => breakers.shutdown());

  it('lists every contact in pages of 100 with normalized emails', async () => {
    const seeded = fake.store.seedContacts(250);
    fake.store.modifyContact(seeded[0].id, { email: ' "Ann Lee" <Ann.Lee@Example.COM> ', additionalEmails: ['ANN@other.org', 'not-an-email', 'ann.lee@example.com'] });
    const before = fake.requestCount('contacts.list');
    const records = await allContacts(client, null);
    expect(fake.requestCount('contacts.list') - before).toBe(3);
    expect(records).toHaveLength(250);
    expect(records[0]).toMatchObject({ externalId: seeded[0].id, email: 'ann.lee@example.com', additionalEmails: ['ann@other.org'], deleted: false });
    expect(records[1]).toMatchObject({ email: `contact.${seeded[1].id}@example.com`, firstName: `First${seeded[1].id}` });
  });

  it('returns contacts modified since an instant, then deletions, via search and the archived listing', async () => {
    const since = new Date(Date.UTC(2027, 0, 1));
    const [changed] = fake.store.seedContacts(1);
    const [archived] = fake.store.seedContacts(1);
    fake.store.modifyContact(changed.id, { firstname: 'Changed' }, new Date(since.getTime() + 1_000));
    fake.store.archiveContact(archived.id, new Date(since.getTime() + 2_000));
    const records = await allContacts(client, since);
    expect(records).toEqual([
      expect.objectContaining({ externalId: changed.id, firstName: 'Changed', deleted: false }),
      expect.objectContaining({ externalId: archived.id, deleted: true }),
    ]);
  });

  it('restarts the search from the last timestamp instead of paging past its 10,000-result limit', async () => {
    const since = new Date(Date.UTC(2028, 0, 1));
    fake.store.seedContacts(10_050, { startAt: new Date(since.getTime() + 1_000), stepMs: 1 });
    const searchesBefore = fake.requestCount('contacts.search');
    const records = await allContacts(client, since);
    expect(new Set(records.map((record) => record.externalId)).size).toBe(10_050);
    // 100 pages up to the limit, then one restarted query for the rest (plus the archived listing).
    expect(fake.requestCount('contacts.search') - searchesBefore).toBe(101);
  }, 30_000);

  it('lists deals with their contact associations', async () => {
    const [contact] = fake.store.seedContacts(1);
    const deal = fake.store.addDeal({ dealname: 'Big deal', amount: '12500.50', closedate: new Date('2026-03-31T12:00:00Z'), contactIds: [contact.id] });
    const page = await client.fetchDeals(null);
    expect(page.records.find((record) => record.externalId === deal.id)).toEqual(
      expect.objectContaining({ name: 'Big deal', amount: '12500.50', closeDate: '2026-03-31', contactExternalIds: [contact.id], deleted: false }),
    );
  });

  it('reports an expired token as auth lost, without retrying', async () => {
    const token = fake.issueAccessToken();
    fake.tokens.expireAccessToken(token);
    const expired = new HubSpotCrmClient({ accessToken: token, basePath: fake.url }, new ProviderCallExecutor(breakers, FAST_RETRY));
    const before = fake.requestCount('deals.list');
    await expect(expired.fetchDeals(null)).rejects.toMatchObject({ code: ProviderErrorCode.AuthLost });
    expect(fake.requestCount('deals.list') - before).toBe(1);
  });

  it('honours Retry-After on a 429 and then succeeds', async () => {
    fake.injectFault({ route: 'deals.list', status: 429, retryAfterSeconds: 1, times: 1 });
    const started = Date.now();
    await expect(client.fetchDeals(null)).resolves.toBeDefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('opens the breaker under a 5xx storm, stops calling, and recovers once the provider does', async () => {
    fake.injectFault({ route: 'deals.list', status: 502 });
    const before = fake.requestCount('deals.list');
    await expect(client.fetchDeals(null)).rejects.toMatchObject({ code: expect.stringMatching(/provider_(unavailable|circuit_open)/) });
    await expect(client.fetchDeals(null)).rejects.toMatchObject({ code: ProviderErrorCode.CircuitOpen });
    expect(breakers.state('hubspot')).toBe('open');
    const whileOpen = fake.requestCount('deals.list');
    expect(whileOpen - before).toBeLessThanOrEqual(FAST_RETRY.maxAttempts);
    await expect(client.fetchDeals(null)).rejects.toMatchObject({ code: ProviderErrorCode.CircuitOpen });
    expect(fake.requestCount('deals.list')).toBe(whileOpen);

    fake.clearFaults();
    await new Promise((resolve) => setTimeout(resolve, 350));
    await expect(client.fetchDeals(null)).resolves.toBeDefined();
    expect(breakers.state('hubspot')).toBe('closed');
  });

  it('issues OAuth tokens in HubSpot\'s format (expires_in 1800)', async () => {
    const response = await fetch(`${fake.url}/oauth/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: fake.tokens.issueAuthorizationCode(), client_id: 'c', client_secret: 's', redirect_uri: 'http://x' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ token_type: 'bearer', access_token: expect.any(String), refresh_token: expect.any(String), expires_in: 1800 });
  });
});
