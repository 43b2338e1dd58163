import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { loadConfig, type BaseServiceEnv } from '@sentinel/config';
import { consumerQueueNames, deadLetterExchangeName, MESSAGING_OPTIONS, type MessagingOptions } from '@sentinel/messaging';
import { createServiceApp, type ServiceDefinition } from '@sentinel/platform';
import {
  closedLoopbackPort,
  createTestDatabase,
  createTestRedisPrefix,
  deleteQueuesAndExchanges,
  deleteRedisPrefix,
  TEST_RABBITMQ_URL,
  TEST_REDIS_URL,
  uniqueTestName,
  type TestDatabase,
} from '@sentinel/testing';
import { activePiiCanary } from './pii-canary';

/**
 * One tenant's private slice of the machine's services for a test file: its own database, Redis
 * key prefix, tenant id (hence queue names) and events exchange. `cleanup()` removes all of it.
 */
export interface TestStack {
  tenantId: string;
  eventsExchange: string;
  database: TestDatabase;
  redisPrefix: string;
  /** Environment for a service of this stack (add PORT and service-specific variables). */
  env: Record<string, string>;
  cleanup(consumerNames?: string[]): Promise<void>;
}

export async function createTestStack(): Promise<TestStack> {
  const tenantId = uniqueTestName('t');
  const eventsExchange = `test.${tenantId}.events`;
  const database = await createTestDatabase();
  const redisPrefix = createTestRedisPrefix();
  // Booting and readiness never call identity (keys and users are fetched on a user request), so a
  // closed loopback port stands in; tests of the auth layers start a dev identity instead.
  const identityUrl = `http://127.0.0.1:${await closedLoopbackPort()}`;
  const env = {
    TENANT_ID: tenantId,
    PORT: '0',
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: redisPrefix,
    RABBITMQ_URL: TEST_RABBITMQ_URL,
    EVENTS_EXCHANGE: eventsExchange,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SHUTDOWN_GRACE_MS: '2000',
    IDENTITY_URL: identityUrl,
    IDENTITY_ISSUER: identityUrl,
    SYSTEM_API_TOKEN: randomBytes(24).toString('hex'),
  };
  return {
    tenantId,
    eventsExchange,
    database,
    redisPrefix,
    env,
    cleanup: async (consumerNames = []) => {
      const declared = declaredConsumers.get(tenantId) ?? new Set<string>();
      declaredConsumers.delete(tenantId);
      await deleteBrokerObjects(tenantId, [...new Set([...consumerNames, ...declared])], [eventsExchange]);
      await deleteRedisPrefix(redisPrefix);
      await database.drop();
    },
  };
}

/**
 * Consumers that services booted by `startTestService` declared, per tenant: `cleanup()` deletes
 * their queues even when a test names only some of them. Quorum queues left behind hold broker file
 * handles, and a few hundred of them stop the broker from accepting connections.
 */
const declaredConsumers = new Map<string, Set<string>>();

function recordDeclaredConsumers(app: INestApplication): void {
  const { tenantId, consumerNames } = declaredConsumersOf(app);
  const names = declaredConsumers.get(tenantId) ?? new Set<string>();
  for (const name of consumerNames) names.add(name);
  declaredConsumers.set(tenantId, names);
}

/** The tenant and the consumer names (each a main, retry and dead-letter queue) a booted service declares. */
export function declaredConsumersOf(app: INestApplication): { tenantId: string; consumerNames: string[] } {
  const options = app.get<MessagingOptions>(MESSAGING_OPTIONS, { strict: false });
  return { tenantId: options.tenantId, consumerNames: (options.consumers ?? []).map((consumer) => consumer.name) };
}

/** Deletes a test tenant's queues and exchanges (the broker keeps durable objects otherwise). */
export function deleteBrokerObjects(tenantId: string, consumerNames: string[], exchanges: string[]): Promise<void> {
  const queues = consumerNames.flatMap((name) => Object.values(consumerQueueNames(tenantId, name)));
  return deleteQueuesAndExchanges(queues, [...exchanges, deadLetterExchangeName(tenantId)]);
}

export interface RunningTestService<TEnv extends BaseServiceEnv> {
  app: INestApplication;
  config: TEnv;
  url: string;
  close(): Promise<void>;
}

/**
 * Boots a service in-process against the stack, listening on loopback at the env's PORT (the stack's
 * `0`: a free port). While a PII canary watches (pii-canary.ts), the service logs every level into
 * it and the canary reads its metrics registry, live and once more on close.
 */
export async function startTestService<TEnv extends BaseServiceEnv>(
  definition: ServiceDefinition<TEnv>,
  env: Record<string, string>,
): Promise<RunningTestService<TEnv>> {
  const canary = activePiiCanary();
  const config = loadConfig(definition.envSchema, canary ? { ...env, LOG_LEVEL: 'trace' } : env);
  const app = await createServiceApp(definition.rootModule(config), definition);
  recordDeclaredConsumers(app);
  await app.listen(config.PORT, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const watched = canary?.watch(definition.name, app);
  const close = async () => {
    if (canary && watched) await canary.snapshotOnClose(watched);
    await app.close();
  };
  return { app, config, url, close };
}
