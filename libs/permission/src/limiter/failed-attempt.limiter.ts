import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { REDIS_CLIENT } from '@sentinel/cache';
import type Redis from 'ioredis';
import { AuthErrorCode } from '../errors/auth-error.code';
import { AuthException } from '../errors/auth.exception';

export const FAILED_ATTEMPT_LIMIT = 30;
export const FAILED_ATTEMPT_WINDOW_MS = 60_000;

/**
 * Failed bot-token attempts per `sha1(ip + token[:8])`: after 30 failures in a 60 s window the
 * bucket answers 429 with Retry-After until the window ends. The count lives in Redis so every
 * replica shares it; if Redis cannot be asked the attempt is refused (503), never waved through.
 */
@Injectable()
export class FailedAttemptLimiter {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  /** Call before checking a bot token; throws 429 while the bucket is exhausted. */
  async assertAllowed(ip: string, token: string): Promise<void> {
    const key = bucketKey(ip, token);
    const [count, ttlMs] = await this.guard(Promise.all([this.redis.get(key), this.redis.pttl(key)]));
    if (count !== null && Number(count) >= FAILED_ATTEMPT_LIMIT) {
      throw new AuthException(AuthErrorCode.TooManyFailedAttempts, { retryAfterSeconds: ttlMs > 0 ? ttlMs / 1000 : 1 });
    }
  }

  /** Call after a bot token failed; returns the failures counted in the current window. */
  async recordFailure(ip: string, token: string): Promise<number> {
    const key = bucketKey(ip, token);
    const replies = await this.guard(this.redis.multi().incr(key).pexpire(key, FAILED_ATTEMPT_WINDOW_MS, 'NX').exec());
    const [error, count] = replies?.[0] ?? [new Error('no reply'), null];
    if (error) throw new AuthException(AuthErrorCode.RateLimitUnavailable);
    return Number(count);
  }

  private async guard<T>(operation: Promise<T>): Promise<T> {
    try {
      return await operation;
    } catch {
      throw new AuthException(AuthErrorCode.RateLimitUnavailable);
    }
  }
}

function bucketKey(ip: string, token: string): string {
  return `failed-attempts:${createHash('sha1').update(ip + token.slice(0, 8)).digest('hex')}`;
}
