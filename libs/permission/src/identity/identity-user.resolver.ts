import { Inject, Injectable } from '@nestjs/common';
import { AUTH_CACHE_KEYS, USER_TTL_MS } from '../cache/auth-cache.keys';
import { AuthRedisStore } from '../cache/auth-redis.store';
import { PermissionMetrics } from '../metrics/permission.metrics';
import { PERMISSION_OPTIONS, type ResolvedPermissionOptions } from '../module/permission.options';
import { IdentityClient } from './identity.client';
import type { IdentityUser } from './identity.types';

/** Redis copy of identity's answer; `expiresAt` keeps the 60 s bound when the first level copies it. */
interface CachedIdentityUser {
  user: IdentityUser;
  expiresAt: number;
}

/** `GET /api/user` behind `identity.user:{sha256(token)}` (60 s): a hit makes no identity call. */
@Injectable()
export class IdentityUserResolver {
  constructor(
    private readonly client: IdentityClient,
    private readonly store: AuthRedisStore,
    private readonly metrics: PermissionMetrics,
    @Inject(PERMISSION_OPTIONS) private readonly options: ResolvedPermissionOptions,
  ) {}

  /** `cacheable` is false when a purge may have happened since the lookup began: use, do not store. */
  async resolve(token: string, tokenHash: string, cacheable: () => boolean): Promise<CachedIdentityUser> {
    const key = AUTH_CACHE_KEYS.user(tokenHash);
    const cached = await this.store.read<CachedIdentityUser>(key);
    this.metrics.cacheLookup('user', 'redis', cached !== undefined);
    if (cached !== undefined && cached.expiresAt > this.options.now()) return cached;
    const user = await this.client.getUser(token);
    const fresh = { user, expiresAt: this.options.now() + USER_TTL_MS };
    if (cacheable()) await this.store.write(key, fresh, USER_TTL_MS, { userId: user.id });
    return fresh;
  }
}
