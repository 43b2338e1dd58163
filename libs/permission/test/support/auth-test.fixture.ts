import { randomBytes } from 'node:crypto';
// Test-only: the dev identity (a tool app) stands in for the external identity service in-process.
import { startDevIdentity, type DevIdentityHandle } from '@sentinel/dev-identity';
import { REDIS_CLIENT } from '@sentinel/cache';
import { createTestRedisPrefix, deleteRedisPrefix, TEST_REDIS_URL, uniqueTestName, waitFor } from '@sentinel/testing';
import Redis from 'ioredis';
import type { PermissionModuleOptions } from '../../src';
import { startGuardedTestApp, type GuardedTestApp } from './guarded-test.app';

export interface AuthFixture {
  identity: DevIdentityHandle;
  tenantId: string;
  otherTenantId: string;
  redisPrefix: string;
  systemToken: string;
  /** Prefixed like the apps' client, for inspecting keys and TTLs. */
  redis: Redis;
  options(overrides?: Partial<PermissionModuleOptions>): PermissionModuleOptions;
  startApp(overrides?: Partial<PermissionModuleOptions>, redisUrl?: string): Promise<GuardedTestApp>;
  close(): Promise<void>;
}

/** A dev identity, a tenant of our own, a Redis prefix of our own, and apps that are closed afterwards. */
export async function createAuthFixture(): Promise<AuthFixture> {
  const identity = await startDevIdentity({});
  const tenantId = uniqueTestName('t');
  const otherTenantId = uniqueTestName('o');
  const redisPrefix = createTestRedisPrefix();
  const systemToken = randomBytes(24).toString('hex');
  const redis = new Redis(TEST_REDIS_URL, { keyPrefix: redisPrefix });
  const apps: GuardedTestApp[] = [];
  let subscribers = 0;

  const options = (overrides: Partial<PermissionModuleOptions> = {}): PermissionModuleOptions => ({
    tenantId,
    identityUrl: identity.url,
    jwksUrl: identity.jwksUrl,
    issuer: identity.issuer,
    audience: identity.audience,
    algorithms: ['ES256', 'RS256'],
    identityTimeoutMs: 1_000,
    legacyTokenCutoff: new Date('2026-06-15T00:00:00Z'),
    systemApiToken: systemToken,
    ...overrides,
  });

  return {
    identity,
    tenantId,
    otherTenantId,
    redisPrefix,
    systemToken,
    redis,
    options,
    startApp: async (overrides, redisUrl = TEST_REDIS_URL) => {
      const app = await startGuardedTestApp({ redisUrl, redisPrefix, permission: options(overrides) });
      apps.push(app);
      if (redisUrl === TEST_REDIS_URL) {
        // Cache assertions need the app's client connected and its invalidation subscriber listening.
        const subscribed = ++subscribers;
        await waitFor('the app to reach Redis', async () => {
          const [, listeners] = (await redis.pubsub('NUMSUB', `${redisPrefix}auth-cache.invalidate`)) as [string, number];
          return app.app.get<Redis>(REDIS_CLIENT).status === 'ready' && listeners >= subscribed;
        });
      }
      return app;
    },
    close: async () => {
      for (const app of apps) await app.close();
      redis.disconnect();
      await deleteRedisPrefix(redisPrefix);
      await identity.close();
    },
  };
}
