import type { CrmProvider } from '@sentinel/persistence';
import { CircuitBreakerRegistry } from './circuit-breaker.registry';
import { DEFAULT_RETRY_OPTIONS, withRetry, type RetryClock, type RetryOptions } from './retry.policy';

/** Runs every provider call as retry(breaker(call)): each attempt is seen, and can be refused, by the breaker. */
export class ProviderCallExecutor {
  constructor(
    private readonly breakers: CircuitBreakerRegistry,
    private readonly retry: RetryOptions = DEFAULT_RETRY_OPTIONS,
    private readonly clock?: RetryClock,
  ) {}

  execute<T>(provider: CrmProvider, call: () => Promise<T>): Promise<T> {
    return withRetry(() => this.breakers.execute(provider, call), this.retry, this.clock);
  }
}
