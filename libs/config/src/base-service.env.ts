import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { IsPort, IsServiceUrl, IsTenantId, ToInt } from './validators';

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
}
