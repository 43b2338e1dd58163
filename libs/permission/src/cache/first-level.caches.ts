import { Inject, Injectable } from '@nestjs/common';
import { PERMISSION_OPTIONS, type ResolvedPermissionOptions } from '../module/permission.options';
import type { AuthenticatedPrincipal } from '../principal/authenticated-principal';
import type { ScopeMatcher } from '../scopes/scope-matcher.compiler';
import { policyTags } from './auth-cache.keys';
import { BoundedLruCache } from './bounded-lru.cache';
import { CacheInvalidationBus } from './cache-invalidation.bus';
import type { CacheInvalidation } from './cache-invalidation.message';

export interface CachedPolicy {
  userId: string;
  tags: readonly string[];
  grants: ScopeMatcher;
}

/**
 * The in-process level in front of Redis: verified principals and compiled policies, bounded, and
 * dropped by the same flushes and purges as Redis (locally at once, on other replicas via the bus).
 */
@Injectable()
export class FirstLevelCaches {
  readonly principals: BoundedLruCache<AuthenticatedPrincipal>;
  readonly policies: BoundedLruCache<CachedPolicy>;
  private invalidations = 0;

  constructor(@Inject(PERMISSION_OPTIONS) options: ResolvedPermissionOptions, bus: CacheInvalidationBus) {
    this.principals = new BoundedLruCache(options.firstLevelCacheSize, options.now);
    this.policies = new BoundedLruCache(options.firstLevelCacheSize, options.now);
    bus.listen((message) => this.apply(message));
  }

  static policyEntry(tenantId: string, userId: string, grants: ScopeMatcher): CachedPolicy {
    return { userId, tags: policyTags(tenantId), grants };
  }

  /**
   * Changes with every flush or purge seen here. A lookup that started before one must not store
   * what it fetched (it may predate the change): compare before caching.
   */
  get generation(): number {
    return this.invalidations;
  }

  apply(message: CacheInvalidation | 'resync'): void {
    this.invalidations += 1;
    if (message === 'resync') {
      this.principals.clear();
      this.policies.clear();
    } else if (message.kind === 'user') {
      this.principals.deleteWhere((principal) => principal.userId === message.userId);
      this.policies.deleteWhere((policy) => policy.userId === message.userId);
    } else {
      this.policies.deleteWhere((policy) => policy.tags.some((tag) => message.tags.includes(tag)));
    }
  }
}
