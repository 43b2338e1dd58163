import { Inject, Injectable } from '@nestjs/common';
import { REDIS_CLIENT } from '@sentinel/cache';
import type Redis from 'ioredis';
import { PermissionMetrics } from '../metrics/permission.metrics';
import { AUTH_CACHE_KEYS, POLICIES_TTL_MS } from './auth-cache.keys';

export interface CacheEntryIndex {
  userId: string;
  tags?: readonly string[];
}

/**
 * The shared second level of the auth caches. Reads and writes never fail a request: an
 * unreachable Redis is a miss (identity is asked directly) and is counted as a fallback. Flushes
 * and purges do throw, so a caller such as identity-bridge can retry the event.
 */
@Injectable()
export class AuthRedisStore {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly metrics: PermissionMetrics,
  ) {}

  async read<T>(key: string): Promise<T | undefined> {
    try {
      const raw = await this.redis.get(key);
      return raw === null ? undefined : (JSON.parse(raw) as T);
    } catch {
      this.metrics.redisFallbacks.inc({ operation: 'read' });
      return undefined;
    }
  }

  /** Stores the value and indexes its key under its user and tags (index sets outlive every member). */
  async write(key: string, value: unknown, ttlMs: number, index: CacheEntryIndex): Promise<void> {
    const indexKeys = [AUTH_CACHE_KEYS.userIndex(index.userId), ...(index.tags ?? []).map(AUTH_CACHE_KEYS.tag)];
    const transaction = this.redis.multi().set(key, JSON.stringify(value), 'PX', ttlMs);
    for (const indexKey of indexKeys) transaction.sadd(indexKey, key).pexpire(indexKey, POLICIES_TTL_MS);
    try {
      await transaction.exec();
    } catch {
      this.metrics.redisFallbacks.inc({ operation: 'write' });
    }
  }

  async deleteTagged(tags: readonly string[]): Promise<void> {
    for (const tag of tags) await this.deleteIndexed(AUTH_CACHE_KEYS.tag(tag));
  }

  async deleteUser(userId: string): Promise<void> {
    await this.deleteIndexed(AUTH_CACHE_KEYS.userIndex(userId));
  }

  /** Members are stored without the client's prefix, which UNLINK adds back. */
  private async deleteIndexed(indexKey: string): Promise<void> {
    const members = await this.redis.smembers(indexKey);
    const transaction = this.redis.multi();
    if (members.length > 0) transaction.unlink(...members);
    await transaction.unlink(indexKey).exec();
  }
}
