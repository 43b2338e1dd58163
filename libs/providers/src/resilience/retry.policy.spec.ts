import { ProviderError, ProviderErrorCode } from '../errors/provider.error';
import { withRetry, type RetryClock, type RetryOptions } from './retry.policy';
import { parseRetryAfter } from './retry-after.parser';

const OPTIONS: RetryOptions = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 250, maxRetryAfterMs: 5_000 };

function recordingClock(random = 0.999): RetryClock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return { sleeps, random: () => random, sleep: async (ms) => void sleeps.push(ms) };
}

function failing(errors: unknown[]): () => Promise<string> {
  return async () => {
    const error = errors.shift();
    if (error) throw error;
    return 'ok';
  };
}

const unavailable = () => new ProviderError(ProviderErrorCode.Unavailable, 'hubspot', 'down', { status: 503 });

describe('withRetry', () => {
  it('backs off exponentially with full jitter, capped', async () => {
    const clock = recordingClock();
    await expect(withRetry(failing([unavailable(), unavailable(), unavailable()]), OPTIONS, clock)).resolves.toBe('ok');
    expect(clock.sleeps).toEqual([99, 199, 249]);
  });

  it('draws each delay from [0, ceiling)', async () => {
    const clock = recordingClock(0);
    await withRetry(failing([unavailable(), unavailable()]), OPTIONS, clock);
    expect(clock.sleeps).toEqual([0, 0]);
  });

  it('waits at least the Retry-After of a 429', async () => {
    const clock = recordingClock(0);
    const limited = new ProviderError(ProviderErrorCode.RateLimited, 'hubspot', '429', { status: 429, retryAfterMs: 2_000 });
    await withRetry(failing([limited]), OPTIONS, clock);
    expect(clock.sleeps).toEqual([2_000]);
  });

  it('gives up after maxAttempts with the last error', async () => {
    const clock = recordingClock();
    const errors = [unavailable(), unavailable(), unavailable(), unavailable(), unavailable()];
    await expect(withRetry(failing(errors), OPTIONS, clock)).rejects.toMatchObject({ code: ProviderErrorCode.Unavailable });
    expect(clock.sleeps).toHaveLength(3);
  });

  it.each([
    ['auth lost', new ProviderError(ProviderErrorCode.AuthLost, 'salesforce', '401')],
    ['an open circuit', new ProviderError(ProviderErrorCode.CircuitOpen, 'salesforce', 'open')],
    ['an unknown error', new Error('bug')],
    ['a Retry-After beyond the budget', new ProviderError(ProviderErrorCode.RateLimited, 'hubspot', '429', { retryAfterMs: 60_000 })],
  ])('does not retry %s', async (_label, error) => {
    const clock = recordingClock();
    await expect(withRetry(failing([error]), OPTIONS, clock)).rejects.toBe(error);
    expect(clock.sleeps).toEqual([]);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', Date.UTC(2026, 0, 1))).toBe(10_000);
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
