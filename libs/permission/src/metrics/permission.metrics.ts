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

  /** Bound label sets of the per-request calls: a bound child skips label hashing on every inc. */
  private readonly boundLookups = new Map<string, { inc(): void }>();
  private readonly boundPassed = new Map<string, { inc(): void }>();

  cacheLookup(cache: CacheName, level: CacheLevel, hit: boolean): void {
    const result = hit ? 'hit' : 'miss';
    const key = `${cache}/${level}/${result}`;
    let child = this.boundLookups.get(key);
    if (child === undefined) {
      child = this.cacheLookups.labels({ cache, level, result });
      this.boundLookups.set(key, child);
    }
    child.inc();
  }

  /** Admissions (`passed`, `passed_system`); refusals are counted by their error code in the filter. */
  passed(outcome: 'passed' | 'passed_system'): void {
    let child = this.boundPassed.get(outcome);
    if (child === undefined) {
      child = this.outcomes.labels({ outcome });
      this.boundPassed.set(outcome, child);
    }
    child.inc();
  }
}
