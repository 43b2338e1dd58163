import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { AuthModuleOptions, PassportModule } from '@nestjs/passport';
import { AuthRedisStore } from '../cache/auth-redis.store';
import { CacheInvalidationBus } from '../cache/cache-invalidation.bus';
import { FirstLevelCaches } from '../cache/first-level.caches';
import { PolicyCacheService } from '../cache/policy-cache.service';
import { AuthExceptionFilter } from '../errors/auth-exception.filter';
import { PermissionGuard } from '../gate/permission.guard';
import { PolicyLookupService } from '../gate/policy-lookup.service';
import { IdentityUserResolver } from '../identity/identity-user.resolver';
import { IdentityClient } from '../identity/identity.client';
import { FailedAttemptLimiter } from '../limiter/failed-attempt.limiter';
import { PermissionMetrics } from '../metrics/permission.metrics';
import { RouteAccessAuditor } from '../routes/route-access.auditor';
import { RouteAccessResolver } from '../routes/route-access.resolver';
import { TenantGuard } from '../tenant/tenant.guard';
import { BearerTokenStrategy } from '../token/bearer.strategy';
import { JwtVerifier } from '../token/jwt-verifier.service';
import { SystemTokenChecker } from '../token/system-token.checker';
import { TokenAuthenticator } from '../token/token-authenticator.service';
import { TokenGuard } from '../token/token.guard';
import { PERMISSION_OPTIONS, type PermissionModuleOptions, resolvePermissionOptions } from './permission.options';

/**
 * Layers 1-3 as global guards, in order token -> tenant -> permission, plus the boot check that
 * every route declares its access. Needs REDIS_CLIENT (CacheModule) and METRICS_REGISTRY
 * (ObservabilityModule) from the application.
 */
@Global()
@Module({})
export class PermissionModule {
  static forRoot(options: PermissionModuleOptions): DynamicModule {
    return {
      module: PermissionModule,
      imports: [DiscoveryModule, PassportModule],
      providers: [
        { provide: PERMISSION_OPTIONS, useValue: resolvePermissionOptions(options) },
        {
          provide: AuthModuleOptions,
          useFactory: (strategy: BearerTokenStrategy) => ({ defaultStrategy: strategy.name, session: false }),
          inject: [BearerTokenStrategy],
        },
        PermissionMetrics,
        RouteAccessResolver,
        RouteAccessAuditor,
        AuthRedisStore,
        CacheInvalidationBus,
        FirstLevelCaches,
        PolicyCacheService,
        IdentityClient,
        IdentityUserResolver,
        JwtVerifier,
        SystemTokenChecker,
        TokenAuthenticator,
        BearerTokenStrategy,
        PolicyLookupService,
        FailedAttemptLimiter,
        { provide: APP_GUARD, useClass: TokenGuard },
        { provide: APP_GUARD, useClass: TenantGuard },
        { provide: APP_GUARD, useClass: PermissionGuard },
        { provide: APP_FILTER, useClass: AuthExceptionFilter },
      ],
      exports: [PERMISSION_OPTIONS, PolicyCacheService, FailedAttemptLimiter, SystemTokenChecker],
    };
  }
}
