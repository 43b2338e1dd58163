import { createHash } from 'node:crypto';
import { closedLoopbackPort, createTestRedisPrefix, deleteRedisPrefix, TEST_REDIS_URL, waitFor } from '@sentinel/testing';
import { createRedisClient } from '@sentinel/cache';
import type Redis from 'ioredis';
import { AuthException, FAILED_ATTEMPT_LIMIT, FailedAttemptLimiter } from '../src';

describe('FailedAttemptLimiter on real Redis', () => {
  const prefix = createTestRedisPrefix();
  const clients: Redis[] = [];
  let first: FailedAttemptLimiter;
  let second: FailedAttemptLimiter;

  const limiterOn = (url: string) => {
    const client = createRedisClient({ url, keyPrefix: prefix });
    clients.push(client);
    return new FailedAttemptLimiter(client);
  };

  beforeAll(async () => {
    first = limiterOn(TEST_REDIS_URL);
    second = limiterOn(TEST_REDIS_URL);
    await waitFor('redis clients', async () => clients.every((client) => client.status === 'ready'));
  });

  afterAll(async () => {
    clients.forEach((client) => client.disconnect());
    await deleteRedisPrefix(prefix);
  });

  const refusal = async (limiter: FailedAttemptLimiter, ip: string, token: string) => {
    try {
      await limiter.assertAllowed(ip, token);
      return undefined;
    } catch (error) {
      return error as AuthException;
    }
  };

  it('SEN-HRD-05 allows 30 failures shared across two instances, then answers 429 with Retry-After', async () => {
    const ip = '203.0.113.7';
    const token = 'bot-token-abcdefgh-rest';
    for (let i = 1; i <= FAILED_ATTEMPT_LIMIT; i++) {
      const limiter = i % 2 === 0 ? first : second;
      expect(await refusal(limiter, ip, token)).toBeUndefined();
      expect(await limiter.recordFailure(ip, token)).toBe(i);
    }
    for (const limiter of [first, second]) {
      const error = await refusal(limiter, ip, token);
      expect(error).toBeInstanceOf(AuthException);
      expect(error!.getStatus()).toBe(429);
      expect(error!.getResponse()).toEqual({ error: 'too_many_failed_attempts', message: expect.any(String) });
      const retryAfter = Number(error!.headers['Retry-After']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
  });

  it('buckets by ip and the token first 8 characters only', async () => {
    const ip = '203.0.113.8';
    for (let i = 0; i < FAILED_ATTEMPT_LIMIT; i++) await first.recordFailure(ip, `samepfx-${i}`);
    expect((await refusal(second, ip, 'samepfx-anything-else'))?.getStatus()).toBe(429);
    expect(await refusal(second, ip, 'otherpfx')).toBeUndefined();
    expect(await refusal(second, '203.0.113.9', 'samepfx-')).toBeUndefined();
  });

  it('sets the window once, on the first failure', async () => {
    const ip = '203.0.113.10';
    await first.recordFailure(ip, 'windowed');
    const bucket = createHash('sha1').update(`${ip}windowed`).digest('hex');
    const ttl = await clients[0]!.pttl(`failed-attempts:${bucket}`);
    expect(ttl).toBeGreaterThan(59_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await first.recordFailure(ip, 'windowed');
    expect(await clients[0]!.pttl(`failed-attempts:${bucket}`)).toBeLessThanOrEqual(ttl);
  });

  it('refuses (503) rather than admits when Redis cannot be asked', async () => {
    const down = limiterOn(`redis://127.0.0.1:${await closedLoopbackPort()}`);
    const error = await refusal(down, '203.0.113.11', 'whatever');
    expect(error?.getStatus()).toBe(503);
    await expect(down.recordFailure('203.0.113.11', 'whatever')).rejects.toMatchObject({ code: 'rate_limit_unavailable' });
  });
});
