import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@sentinel/observability';
import { Counter, type Registry } from 'prom-client';

export type IdentityEndpoint = 'user' | 'policies';
export type IdentityCallResult = 'ok' | 'rejected' | 'unavailable';
export type CacheName = 'user' | 'policies';
export type CacheLevel = 'memory' | 'redis';

/** Auth metrics on the app's registry. Labels are outcome tokens only: no user ids, tokens or addresses. */
@Injectable()
export class PermissionMetrics {
  readonly outcomes: Counter<'outcome'>;
  readonly identityCalls: Counter<'endpoint' | 'result'>;
  readonly cacheLookups: Counter<'cache' | 'level' | 'result'>;
  readonly redisFallbacks: Counter<'operation'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.outcomes = new Counter({
      name: 'sentinel_auth_outcomes_total',
      help: 'Auth decisions by outcome token (passed, or the refusal error code)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.identityCalls = new Counter({
      name: 'sentinel_identity_calls_total',
      help: 'Calls to the identity service by endpoint and result',
      labelNames: ['endpoint', 'result'],
      registers: [registry],
    });
    this.cacheLookups = new Counter({
      name: 'sentinel_auth_cache_lookups_total',
      help: 'Auth cache lookups by cache, level and hit/miss',
      labelNames: ['cache', 'level', 'result'],
      registers: [registry],
    });
    this.redisFallbacks = new Counter({
      name: 'sentinel_auth_redis_fallbacks_total',
      help: 'Redis operations of the auth caches that failed and were bypassed (identity asked directly)',
      labelNames: ['operation'],
      registers: [registry],
    });
  }

  cacheLookup(cache: CacheName, level: CacheLevel, hit: boolean): void {
    this.cacheLookups.inc({ cache, level, result: hit ? 'hit' : 'miss' });
  }
}
