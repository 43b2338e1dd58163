import type { CrmProvider } from '@sentinel/persistence';
import { ProviderError } from '../errors/provider.error';
import { CircuitBreakerRegistry } from './circuit-breaker.registry';
import { DEFAULT_RETRY_OPTIONS, withRetry, type RetryClock, type RetryOptions } from './retry.policy';

/** Sees every attempt's outcome: `ok`, a ProviderErrorCode (`provider_circuit_open` when the breaker refused it) or `error`. */
export type ProviderCallObserver = (provider: CrmProvider, outcome: string) => void;

/** Runs every provider call as retry(breaker(call)): each attempt is seen, and can be refused, by the breaker. */
export class ProviderCallExecutor {
  constructor(
    private readonly breakers: CircuitBreakerRegistry,
    private readonly retry: RetryOptions = DEFAULT_RETRY_OPTIONS,
    private readonly clock?: RetryClock,
    private readonly observe?: ProviderCallObserver,
  ) {}

  execute<T>(provider: CrmProvider, call: () => Promise<T>): Promise<T> {
    return withRetry(() => this.attempt(provider, call), this.retry, this.clock);
  }

  private async attempt<T>(provider: CrmProvider, call: () => Promise<T>): Promise<T> {
    try {
      const result = await this.breakers.execute(provider, call);
      this.observe?.(provider, 'ok');
      return result;
    } catch (error) {
      this.observe?.(provider, error instanceof ProviderError ? error.code : 'error');
      throw error;
    }
  }
}
