// Test-only: the provider fakes (a tool) stand in for Salesforce in-process.
import { SalesforceFake } from '@sentinel/fakes';
import { CircuitBreakerRegistry, ProviderCallExecutor, ProviderErrorCode, SalesforceCrmClient, type RetryClock } from '@sentinel/providers';
import { FAST_BREAKER } from '../support/sync-test.fixture';

describe('Salesforce: Retry-After on 429/503 is honoured although jsforce hides response headers', () => {
  const salesforce = new SalesforceFake();
  let breakers: CircuitBreakerRegistry;
  let sleeps: number[];
  let client: SalesforceCrmClient;
  const clock: RetryClock = { sleep: async (ms) => void sleeps.push(ms), random: () => 0 };

  beforeAll(async () => {
    await salesforce.start();
    salesforce.store.seedContacts(3);
  });
  afterAll(() => salesforce.stop());
  beforeEach(() => {
    breakers?.shutdown();
    breakers = new CircuitBreakerRegistry({ ...FAST_BREAKER, volumeThreshold: 100 });
    sleeps = [];
    const executor = new ProviderCallExecutor(breakers, { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 10_000 }, clock);
    client = new SalesforceCrmClient({ instanceUrl: salesforce.url, accessToken: salesforce.issueAccessToken() }, executor);
  });
  afterEach(() => salesforce.clearFaults());
  afterAll(() => breakers.shutdown());

  it.each([429, 503])('%s with Retry-After: 7 waits 7 s (not the 5-20 ms backoff) and then succeeds', async (status) => {
    salesforce.injectFault({ route: 'query', status, retryAfterSeconds: 7, times: 1 });
    const before = salesforce.requestCount('query');
    const page = await client.fetchContacts({ modifiedSince: null, continuation: null });
    expect(page.records).toHaveLength(3);
    expect(sleeps).toEqual([7_000]);
    expect(salesforce.requestCount('query') - before).toBe(2);
  });

  it('a Retry-After beyond the retry budget fails at once, carrying the wait for the caller', async () => {
    salesforce.injectFault({ route: 'query', status: 429, retryAfterSeconds: 120, times: 1 });
    const before = salesforce.requestCount('query');
    await expect(client.fetchContacts({ modifiedSince: null, continuation: null })).rejects.toMatchObject({
      code: ProviderErrorCode.RateLimited,
      details: { retryAfterMs: 120_000 },
    });
    expect(sleeps).toEqual([]);
    expect(salesforce.requestCount('query') - before).toBe(1);
  });

  it('without Retry-After the backoff applies', async () => {
    salesforce.injectFault({ route: 'query', status: 503, times: 1 });
    await client.fetchContacts({ modifiedSince: null, continuation: null });
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeLessThanOrEqual(20);
  });
});
