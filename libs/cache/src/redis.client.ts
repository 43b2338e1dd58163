import Redis from 'ioredis';

/** DI token of the stack's ioredis client (keys prefixed with the stack's prefix). */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

export interface RedisSettings {
  url: string;
  keyPrefix: string;
}

/**
 * Commands fail fast while Redis is unreachable (one retry, no offline queue): every caller has a
 * slower correct path (ask identity, read PostgreSQL), and a hung command would stall requests.
 */
export function createRedisClient(settings: RedisSettings): Redis {
  const client = new Redis(settings.url, {
    keyPrefix: settings.keyPrefix,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2_000,
    commandTimeout: 1_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  // Without a listener ioredis prints every reconnect failure; readiness reports the state instead.
  client.on('error', () => undefined);
  return client;
}
