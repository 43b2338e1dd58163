import { Injectable } from '@nestjs/common';
import { AuthRedisStore } from './auth-redis.store';
import { CacheInvalidationBus } from './cache-invalidation.bus';
import type { CacheInvalidation } from './cache-invalidation.message';
import { FirstLevelCaches } from './first-level.caches';

/**
 * Invalidation API for identity events (identity-bridge): flush cached policies by tag
 * (`crm.policies`, `tenant:<id>`) and purge everything cached for a user. Redis first, then this
 * process's first level, then a broadcast to the other replicas. Throws when Redis fails, so the
 * event is retried rather than acknowledged with stale entries left behind.
 */
@Injectable()
export class PolicyCacheService {
  constructor(
    private readonly store: AuthRedisStore,
    private readonly firstLevel: FirstLevelCaches,
    private readonly bus: CacheInvalidationBus,
  ) {}

  async flushTags(...tags: string[]): Promise<void> {
    await this.store.deleteTagged(tags);
    await this.broadcast({ kind: 'tags', tags });
  }

  /** Removes the user's cached identity payloads and policies, on every replica. */
  async purgeUser(userId: string): Promise<void> {
    await this.store.deleteUser(userId);
    await this.broadcast({ kind: 'user', userId });
  }

  private async broadcast(message: CacheInvalidation): Promise<void> {
    this.firstLevel.apply(message);
    await this.bus.publish(message);
  }
}
