import { ProviderError, ProviderErrorCode } from '../errors/provider.error';
import { CircuitBreakerRegistry } from './circuit-breaker.registry';
import { ProviderCallExecutor } from './provider-call.executor';

describe('ProviderCallExecutor observer: every attempt has an outcome, breaker short-circuits included', () => {
  const breakers = new CircuitBreakerRegistry({ errorThresholdPercentage: 50, volumeThreshold: 2, rollingCountTimeoutMs: 10_000, resetTimeoutMs: 60_000, callTimeoutMs: 5_000 });
  afterAll(() => breakers.shutdown());

  it('reports ok, the provider error code of a failed attempt, and provider_circuit_open once the breaker refuses', async () => {
    const seen: string[] = [];
    const executor = new ProviderCallExecutor(breakers, { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 }, undefined, (provider, outcome) => seen.push(`${provider}:${outcome}`));
    await executor.execute('salesforce', async () => 'fine');
    const unavailable = () => Promise.reject(new ProviderError(ProviderErrorCode.Unavailable, 'salesforce', '503', { status: 503 }));
    for (let i = 0; i < 3; i += 1) await executor.execute('salesforce', unavailable).catch(() => undefined);
    await expect(executor.execute('salesforce', async () => 'never')).rejects.toMatchObject({ code: ProviderErrorCode.CircuitOpen });
    expect(seen[0]).toBe('salesforce:ok');
    expect(seen).toContain('salesforce:provider_unavailable');
    expect(seen[seen.length - 1]).toBe('salesforce:provider_circuit_open');
  });
});
