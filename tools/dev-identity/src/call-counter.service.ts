import { COUNTED_ENDPOINTS, type CallStats, type CountedEndpoint } from './dev-identity.types';

/** Counts calls to the contract endpoints, so a test can assert that a cache hit asked nobody. */
export class CallCounter {
  private counts = CallCounter.zero();

  count(endpoint: CountedEndpoint): void {
    this.counts[endpoint] += 1;
  }

  snapshot(): CallStats {
    const calls = { ...this.counts };
    return { calls, total: Object.values(calls).reduce((sum, n) => sum + n, 0) };
  }

  reset(): void {
    this.counts = CallCounter.zero();
  }

  private static zero(): Record<CountedEndpoint, number> {
    return Object.fromEntries(COUNTED_ENDPOINTS.map((endpoint) => [endpoint, 0])) as Record<CountedEndpoint, number>;
  }
}
