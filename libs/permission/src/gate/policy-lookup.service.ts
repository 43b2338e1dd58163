import { Inject, Injectable } from '@nestjs/common';
import { AUTH_CACHE_KEYS, POLICIES_TTL_MS, policyTags } from '../cache/auth-cache.keys';
import { AuthRedisStore } from '../cache/auth-redis.store';
import { FirstLevelCaches } from '../cache/first-level.caches';
import { AuthErrorCode } from '../errors/auth-error.code';
import { AuthException } from '../errors/auth.exception';
import { IdentityClient } from '../identity/identity.client';
import { PermissionMetrics } from '../metrics/permission.metrics';
import { PERMISSION_OPTIONS, type ResolvedPermissionOptions } from '../module/permission.options';
import type { AuthenticatedPrincipal } from '../principal/authenticated-principal';
import { compileScopeMatcher, type ScopeMatcher } from '../scopes/scope-matcher.compiler';

interface CachedPermissions {
  permissions: string[];
  expiresAt: number;
}

/**
 * A user's granted permissions in this tenant, compiled once: first level, then Redis
 * (`policies:{tenant}:{user}:{sha256(token)[:12]}`, 1 h, tagged for flushes), then identity.
 * A failed fetch is a 503 (IdentityClient), never an empty grant that might be cached.
 */
@Injectable()
export class PolicyLookupService {
  constructor(
    private readonly client: IdentityClient,
    private readonly store: AuthRedisStore,
    private readonly firstLevel: FirstLevelCaches,
    private readonly metrics: PermissionMetrics,
    @Inject(PERMISSION_OPTIONS) private readonly options: ResolvedPermissionOptions,
  ) {}

  /** Concurrent misses for one key share one Redis read and at most one identity call. */
  private readonly inFlight = new Map<string, Promise<ScopeMatcher>>();

  grantsFor(principal: AuthenticatedPrincipal, token: string): Promise<ScopeMatcher> {
    const key = AUTH_CACHE_KEYS.policies(this.options.tenantId, principal.userId, principal.tokenHash);
    const known = this.firstLevel.policies.get(key);
    this.metrics.cacheLookup('policies', 'memory', known !== undefined);
    if (known !== undefined) return Promise.resolve(known.grants);
    let pending = this.inFlight.get(key);
    if (pending === undefined) {
      pending = this.load(key, principal, token).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  private async load(key: string, principal: AuthenticatedPrincipal, token: string): Promise<ScopeMatcher> {
    const { tenantId, now } = this.options;
    const generation = this.firstLevel.generation;
    let cached = await this.store.read<CachedPermissions>(key);
    this.metrics.cacheLookup('policies', 'redis', cached !== undefined);
    if (cached === undefined || cached.expiresAt <= now()) {
      const policy = await this.client.getPolicy(token, tenantId);
      if (policy.tenant_id !== tenantId || policy.user_id !== principal.userId) {
        throw new AuthException(AuthErrorCode.IdentityUnavailable);
      }
      cached = { permissions: policy.permissions, expiresAt: now() + POLICIES_TTL_MS };
      if (this.firstLevel.generation === generation) {
        await this.store.write(key, cached, POLICIES_TTL_MS, { userId: principal.userId, tags: policyTags(tenantId) });
      }
    }
    const grants = compileScopeMatcher(cached.permissions);
    if (this.firstLevel.generation === generation) {
      this.firstLevel.policies.set(
        key,
        FirstLevelCaches.policyEntry(tenantId, principal.userId, grants),
        Math.min(cached.expiresAt, principal.expiresAt),
      );
    }
    return grants;
  }
}
