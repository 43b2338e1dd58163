import { ProviderError, ProviderErrorCode } from '../errors/provider.error';
import { classifyFailure } from './failure-kind.classifier';

export interface RetryOptions {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for in-process: the run fails temporary instead. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_OPTIONS: RetryOptions = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

export interface RetryClock {
  sleep(ms: number): Promise<void>;
  random(): number;
}

const REAL_CLOCK: RetryClock = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/**
 * Exponential backoff with full jitter (delay drawn from [0, min(max, base * 2^n))), so many
 * clients that failed together do not retry together. A provider's Retry-After is a floor.
 * Only temporary failures are retried; an open circuit is not (retrying would defeat it).
 */
export async function withRetry<T>(operation: () => Promise<T>, options: RetryOptions, clock: RetryClock = REAL_CLOCK): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isRetryable(error) || attempt >= options.maxAttempts) throw error;
      const retryAfterMs = error instanceof ProviderError ? error.details.retryAfterMs : undefined;
      if (retryAfterMs !== undefined && retryAfterMs > options.maxRetryAfterMs) throw error;
      const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
      const jittered = Math.floor(clock.random() * ceiling);
      await clock.sleep(Math.max(jittered, retryAfterMs ?? 0));
    }
  }
}

function isRetryable(error: unknown): boolean {
  if (error instanceof ProviderError && error.code === ProviderErrorCode.CircuitOpen) return false;
  return classifyFailure(error) === 'temporary';
}
