import type { CrmProvider } from '@sentinel/persistence';
import CircuitBreaker from 'opossum';
import { ProviderError, ProviderErrorCode } from '../errors/provider.error';
import { classifyFailure } from './failure-kind.classifier';

export interface BreakerOptions {
  /** Share of failed calls in the rolling window that opens the circuit. */
  errorThresholdPercentage: number;
  /** Calls in the window before the share is judged. */
  volumeThreshold: number;
  rollingCountTimeoutMs: number;
  /** Time open before one trial call is let through (half-open). */
  resetTimeoutMs: number;
  /** A call slower than this counts as a failure. */
  callTimeoutMs: number;
}

export const DEFAULT_BREAKER_OPTIONS: BreakerOptions = {
  errorThresholdPercentage: 50,
  volumeThreshold: 10,
  rollingCountTimeoutMs: 30_000,
  resetTimeoutMs: 30_000,
  callTimeoutMs: 30_000,
};

type Call = () => Promise<unknown>;

/**
 * One opossum breaker per provider for the process: a degraded provider is short-circuited for
 * every integration instead of being hammered by each. Only temporary failures count; an auth
 * failure of one user says nothing about the provider's health.
 */
export class CircuitBreakerRegistry {
  private readonly breakers = new Map<CrmProvider, CircuitBreaker<[Call], unknown>>();

  constructor(private readonly options: BreakerOptions = DEFAULT_BREAKER_OPTIONS) {}

  async execute<T>(provider: CrmProvider, call: () => Promise<T>): Promise<T> {
    try {
      return (await this.breakerFor(provider).fire(call)) as T;
    } catch (error) {
      throw translateBreakerError(provider, error);
    }
  }

  state(provider: CrmProvider): 'closed' | 'open' | 'half_open' {
    const breaker = this.breakers.get(provider);
    if (!breaker || breaker.closed) return 'closed';
    return breaker.halfOpen ? 'half_open' : 'open';
  }

  /** Stops every breaker's timers (opossum keeps intervals running otherwise). */
  shutdown(): void {
    for (const breaker of this.breakers.values()) breaker.shutdown();
    this.breakers.clear();
  }

  private breakerFor(provider: CrmProvider): CircuitBreaker<[Call], unknown> {
    let breaker = this.breakers.get(provider);
    if (!breaker) {
      breaker = new CircuitBreaker((call: Call) => call(), {
        name: provider,
        timeout: this.options.callTimeoutMs,
        errorThresholdPercentage: this.options.errorThresholdPercentage,
        volumeThreshold: this.options.volumeThreshold,
        rollingCountTimeout: this.options.rollingCountTimeoutMs,
        resetTimeout: this.options.resetTimeoutMs,
        // true = "not a failure": only temporary faults describe the provider's health.
        errorFilter: (error: unknown) => classifyFailure(error) !== 'temporary',
      });
      this.breakers.set(provider, breaker);
    }
    return breaker;
  }
}

function translateBreakerError(provider: CrmProvider, error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EOPENBREAKER') return new ProviderError(ProviderErrorCode.CircuitOpen, provider, 'circuit open');
  if (code === 'ETIMEDOUT' && !(error instanceof ProviderError)) {
    return new ProviderError(ProviderErrorCode.Network, provider, 'call timed out');
  }
  return error;
}
