// Test-only: the provider fakes (a tool) stand in for HubSpot and Salesforce in-process.
import { HubSpotFake, SalesforceFake } from '@sentinel/fakes';
import { createRedisClient } from '@sentinel/cache';
import { parseKeyRing, SecretEnvelopeCipher } from '@sentinel/crypto';
import { IntegrationRepository, type IntegrationEntity } from '@sentinel/persistence';
import { closedLoopbackPort, createTestRedisPrefix, TEST_REDIS_URL } from '@sentinel/testing';
import type Redis from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { CrmCredentialsService } from '../../src/credentials/crm-credentials.service';
import type { CrmCredentialsSettings } from '../../src/credentials/crm-credentials.settings';
import { IntegrationTokenVault } from '../../src/credentials/integration-token.vault';
import { TokenRefreshLock } from '../../src/credentials/token-refresh.lock';
import { SyncTestFixture } from '../support/sync-test.fixture';

const OAUTH_APP = { clientId: 'sentinel', clientSecret: 'sentinel-secret' };
const MINUTE = 60_000;
const CALLERS = 20;

describe('credentials: a refresh is single-flight per integration', () => {
  const fixture = new SyncTestFixture();
  const hubspot = new HubSpotFake();
  const salesforce = new SalesforceFake();
  const cipher = new SecretEnvelopeCipher(parseKeyRing(randomBytes(32).toString('base64')));
  const settings: CrmCredentialsSettings = {
    cipher,
    hubspot: { apiUrl: '', oauthApp: OAUTH_APP },
    salesforce: { loginUrl: '', oauthApp: OAUTH_APP },
  };
  const vault = new IntegrationTokenVault(settings);
  let redis: Redis;
  let unreachableRedis: Redis;

  const credentialsWith = (client: Redis | null) =>
    new CrmCredentialsService(vault, new IntegrationRepository(fixture.dataSource), fixture.executor(), settings, new TokenRefreshLock(fixture.dataSource, client));

  async function stale(provider: 'hubspot' | 'salesforce'): Promise<{ id: string; access: string }> {
    const fake = provider === 'hubspot' ? hubspot : salesforce;
    const id = randomUUID();
    const access = fake.issueAccessToken();
    fake.tokens.expireAccessToken(access);
    await fixture.newIntegration(provider, {
      id,
      accessToken: cipher.encrypt(access, { table: 'integrations', column: 'access_token', rowId: id }),
      refreshToken: cipher.encrypt(fake.tokens.issueRefreshToken(), { table: 'integrations', column: 'refresh_token', rowId: id }),
      tokenExpiresAt: provider === 'hubspot' ? new Date(Date.now() - MINUTE) : null,
      tokenIssuedAt: new Date(Date.now() - 121 * MINUTE),
      instanceUrl: provider === 'salesforce' ? salesforce.url : null,
    });
    return { id, access };
  }

  /** CALLERS callers, each with the row as it loaded it (stale), all at once. */
  async function concurrently(credentials: CrmCredentialsService, id: string, provider: 'hubspot' | 'salesforce'): Promise<string[]> {
    const rows: IntegrationEntity[] = await Promise.all(Array.from({ length: CALLERS }, () => fixture.integration(id)));
    const grants = await Promise.all(rows.map((row) => credentials.access(row, provider)));
    return grants.map((grant) => grant.accessToken);
  }

  beforeAll(async () => {
    await fixture.start();
    await Promise.all([hubspot.start(), salesforce.start()]);
    settings.hubspot.apiUrl = hubspot.url;
    settings.salesforce.loginUrl = salesforce.url;
    redis = createRedisClient({ url: TEST_REDIS_URL, keyPrefix: createTestRedisPrefix() });
    unreachableRedis = createRedisClient({ url: `redis://127.0.0.1:${await closedLoopbackPort()}`, keyPrefix: 'unused:' });
  });
  afterAll(async () => {
    redis.disconnect();
    unreachableRedis.disconnect();
    await Promise.all([hubspot.stop(), salesforce.stop()]);
    await fixture.stop();
  });

  for (const provider of ['hubspot', 'salesforce'] as const) {
    const fake = () => (provider === 'hubspot' ? hubspot : salesforce);

    it(`${provider}: ${CALLERS} concurrent callers on an expired token cause one token-endpoint call (Redis lock); all get the new token`, async () => {
      const { id, access } = await stale(provider);
      const before = fake().requestCount('oauth.token');
      const tokens = await concurrently(credentialsWith(redis), id, provider);
      expect(fake().requestCount('oauth.token') - before).toBe(1);
      expect(new Set(tokens).size).toBe(1);
      expect(tokens[0]).not.toBe(access);
      expect(vault.read(await fixture.integration(id), 'access_token')).toBe(tokens[0]);
      // The lock was released (compare-and-delete): nothing of it is left in Redis.
      expect(await redis.exists(`crm-sync:token-refresh:${id}`)).toBe(0);
    });

    it(`${provider}: with Redis unreachable the PostgreSQL row lock serializes them instead: still one call`, async () => {
      const { id, access } = await stale(provider);
      const before = fake().requestCount('oauth.token');
      const tokens = await concurrently(credentialsWith(unreachableRedis), id, provider);
      expect(fake().requestCount('oauth.token') - before).toBe(1);
      expect(new Set(tokens).size).toBe(1);
      expect(tokens[0]).not.toBe(access);
    });
  }

  it('a forced refresh (token rejected early) by many callers also refreshes once, not once per caller', async () => {
    const { id } = await stale('salesforce');
    const credentials = credentialsWith(redis);
    const fresh = await credentials.access(await fixture.integration(id), 'salesforce');
    const rows = await Promise.all(Array.from({ length: CALLERS }, () => fixture.integration(id)));
    const before = salesforce.requestCount('oauth.token');
    const tokens = await Promise.all(rows.map((row) => credentials.access(row, 'salesforce', { forceRefresh: true })));
    expect(salesforce.requestCount('oauth.token') - before).toBe(1);
    expect(new Set(tokens.map((grant) => grant.accessToken)).size).toBe(1);
    expect(tokens[0]?.accessToken).not.toBe(fresh.accessToken);
  });
});
