import { IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { IsAlgorithmList, IsIsoInstant, IsPort, IsServiceUrl, IsTenantId, ToInt } from './validators';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Variables every Sentinel service reads. Each app extends this class with its own. The README's
 * variable table and the compose/Helm drift test are checked against these declarations.
 */
export class BaseServiceEnv {
  /** The only tenant source: one stack serves exactly this tenant. */
  @IsTenantId()
  TENANT_ID!: string;

  @IsPort()
  PORT!: number;

  /** Pooled connection for the application (e.g. through pgbouncer). */
  @IsServiceUrl(['postgres', 'postgresql'])
  DATABASE_URL!: string;

  /** Direct connection for migrations; falls back to DATABASE_URL. */
  @IsOptional()
  @IsServiceUrl(['postgres', 'postgresql'])
  DATABASE_DIRECT_URL?: string;

  @ToInt()
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @IsServiceUrl(['redis', 'rediss'])
  REDIS_URL!: string;

  /** Prefix of every Redis key of this stack; defaults to `sentinel:<TENANT_ID>:`. */
  @IsOptional()
  @IsString()
  REDIS_KEY_PREFIX?: string;

  @IsServiceUrl(['amqp', 'amqps'])
  RABBITMQ_URL!: string;

  /** Topic exchange for the stack's own events (routing keys `tenant.<TENANT_ID>.<event>`). */
  @IsString()
  EVENTS_EXCHANGE = 'sentinel.events';

  @ToInt()
  @IsInt()
  @Min(1)
  @Max(1000)
  RABBITMQ_PREFETCH = 50;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** Time allowed for in-flight work after SIGTERM before connections are closed. */
  @ToInt()
  @IsInt()
  @Min(0)
  SHUTDOWN_GRACE_MS = 10_000;

  /**
   * Reverse proxies (ingress, load balancer) in front of the service whose `X-Forwarded-For` entry
   * is trusted for the client address. 0 trusts none: per-client limits then see the proxy's
   * address, so set it to the number of hops a deployment really has, never more (a client can
   * write any address into the header).
   */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(10)
  TRUST_PROXY_HOPS = 0;

  /** Base URL of the identity service (`GET /api/user`, `GET /api/policies`). */
  @IsServiceUrl(['http', 'https'])
  IDENTITY_URL!: string;

  /** JWKS used to verify tokens locally; defaults to `${IDENTITY_URL}/.well-known/jwks.json`. */
  @IsOptional()
  @IsServiceUrl(['http', 'https'])
  IDENTITY_JWKS_URL?: string;

  /** Expected `iss` of access tokens. */
  @IsString()
  @MinLength(1)
  IDENTITY_ISSUER!: string;

  /** Expected `aud` of access tokens. */
  @IsString()
  @MinLength(1)
  IDENTITY_AUDIENCE = 'sentinel';

  /** Comma-separated allow-list of asymmetric JWS algorithms. */
  @IsAlgorithmList()
  IDENTITY_ALGORITHMS = 'ES256,RS256';

  /** Time allowed for one identity call (JWKS, user, policies) before it counts as an outage. */
  @ToInt()
  @IsInt()
  @Min(100)
  @Max(30_000)
  IDENTITY_TIMEOUT_MS = 2_000;

  /** After this instant, legacy single-`tenant_id` tokens are refused with 401 token_shape_legacy. */
  @IsIsoInstant()
  LEGACY_TOKEN_CUTOFF = '2026-06-15T00:00:00Z';

  /** Bearer token of system routes, compared in constant time. */
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  SYSTEM_API_TOKEN!: string;
}
