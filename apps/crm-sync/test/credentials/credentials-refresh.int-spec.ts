// Test-only: the provider fakes (a tool) stand in for HubSpot and Salesforce in-process.
import { HubSpotFake, SalesforceFake } from '@sentinel/fakes';
import { parseKeyRing, SecretEnvelopeCipher } from '@sentinel/crypto';
import { IntegrationRepository, type CrmProvider, type IntegrationEntity } from '@sentinel/persistence';
import { randomBytes, randomUUID } from 'node:crypto';
import { ProviderCrmClientFactory } from '../../src/credentials/crm-client.factory';
import { CrmCredentialsService } from '../../src/credentials/crm-credentials.service';
import type { CrmCredentialsSettings } from '../../src/credentials/crm-credentials.settings';
import { IntegrationTokenVault } from '../../src/credentials/integration-token.vault';
import { TokenRefreshLock } from '../../src/credentials/token-refresh.lock';
import { SyncTestFixture } from '../support/sync-test.fixture';

const OAUTH_APP = { clientId: 'sentinel', clientSecret: 'sentinel-secret' };
const MINUTE = 60_000;

describe('credentials: the three expiry truths, refreshed and stored encrypted', () => {
  const fixture = new SyncTestFixture();
  const hubspot = new HubSpotFake();
  const salesforce = new SalesforceFake();
  const cipher = new SecretEnvelopeCipher(parseKeyRing(randomBytes(32).toString('base64')));
  let settings: CrmCredentialsSettings;
  let vault: IntegrationTokenVault;

  const useSettings = (next: CrmCredentialsSettings) => {
    settings = next;
    vault = new IntegrationTokenVault(settings);
    const credentials = new CrmCredentialsService(vault, new IntegrationRepository(fixture.dataSource), fixture.executor(), settings, new TokenRefreshLock(fixture.dataSource, null));
    const factory = new ProviderCrmClientFactory(credentials, fixture.executor(), settings);
    fixture.useClients((integration) => factory.forIntegration(integration, integration.provider as CrmProvider));
  };

  const seal = (id: string, column: 'access_token' | 'refresh_token', value: string) => cipher.encrypt(value, { table: 'integrations', column, rowId: id });

  async function connected(provider: 'hubspot' | 'salesforce', tokens: { access: string; refresh: string | null }, fields: Partial<IntegrationEntity>) {
    const id = randomUUID();
    return fixture.newIntegration(provider, {
      id,
      accessToken: seal(id, 'access_token', tokens.access),
      refreshToken: tokens.refresh === null ? null : seal(id, 'refresh_token', tokens.refresh),
      ...fields,
    });
  }

  beforeAll(async () => {
    await fixture.start();
    await hubspot.start();
    await salesforce.start();
    hubspot.store.seedContacts(20);
    salesforce.store.seedContacts(20);
  });
  afterAll(async () => {
    await hubspot.stop();
    await salesforce.stop();
    await fixture.stop();
  });
  beforeEach(() => {
    useSettings({
      cipher,
      hubspot: { apiUrl: hubspot.url, oauthApp: OAUTH_APP },
      salesforce: { loginUrl: salesforce.url, oauthApp: OAUTH_APP },
    });
  });

  it('HubSpot: uses a token until the server-given expiry nears, without calling the token endpoint', async () => {
    const integration = await connected('hubspot', { access: hubspot.issueAccessToken(), refresh: hubspot.tokens.issueRefreshToken() }, {
      tokenExpiresAt: new Date(Date.now() + 20 * MINUTE),
      tokenIssuedAt: new Date(Date.now() - 10 * MINUTE),
    });
    const before = hubspot.requestCount('oauth.token');
    expect(await fixture.service.sync(integration.id)).toMatchObject({ outcome: 'completed' });
    expect(hubspot.requestCount('oauth.token')).toBe(before);
  });

  it('HubSpot: refreshes an expired token, stores the new one encrypted with its new expiry', async () => {
    const stale = hubspot.issueAccessToken();
    hubspot.tokens.expireAccessToken(stale);
    const integration = await connected('hubspot', { access: stale, refresh: hubspot.tokens.issueRefreshToken() }, {
      tokenExpiresAt: new Date(Date.now() + 2 * MINUTE),
      tokenIssuedAt: new Date(Date.now() - 28 * MINUTE),
    });
    const before = hubspot.requestCount('oauth.token');
    expect(await fixture.service.sync(integration.id)).toMatchObject({ outcome: 'completed', counts: { created: 20 } });
    expect(hubspot.requestCount('oauth.token') - before).toBe(1);

    const stored = await fixture.integration(integration.id);
    expect(stored.accessToken).toMatch(/^enc:v1:/);
    expect(vault.read(stored, 'access_token')).not.toBe(stale);
    expect((stored.tokenExpiresAt?.getTime() ?? 0) - Date.now()).toBeGreaterThan(29 * MINUTE);
  });

  it('Salesforce: no expiry is returned, so a session issued 2 hours ago is refreshed; issued_at moves, expiry stays empty', async () => {
    const issuedAt = new Date(Date.now() - 120 * MINUTE);
    const integration = await connected('salesforce', { access: salesforce.issueAccessToken(), refresh: salesforce.tokens.issueRefreshToken() }, {
      tokenIssuedAt: issuedAt,
      instanceUrl: 'https://stale-instance.invalid',
    });
    const before = salesforce.requestCount('oauth.token');
    expect(await fixture.service.sync(integration.id)).toMatchObject({ outcome: 'completed', counts: { created: 20 } });
    expect(salesforce.requestCount('oauth.token') - before).toBe(1);
    const stored = await fixture.integration(integration.id);
    expect(stored).toMatchObject({ tokenExpiresAt: null, instanceUrl: salesforce.url });
    expect(stored.tokenIssuedAt?.getTime()).toBeGreaterThan(issuedAt.getTime());
  });

  it('Salesforce: a session ended early by the org (401 inside the window) is refreshed once and the run completes', async () => {
    const killed = salesforce.issueAccessToken();
    salesforce.tokens.expireAccessToken(killed);
    const integration = await connected('salesforce', { access: killed, refresh: salesforce.tokens.issueRefreshToken() }, {
      tokenIssuedAt: new Date(Date.now() - 5 * MINUTE),
      instanceUrl: salesforce.url,
    });
    const before = salesforce.requestCount('oauth.token');
    expect(await fixture.service.sync(integration.id)).toMatchObject({ outcome: 'completed', counts: { created: 20 } });
    expect(salesforce.requestCount('oauth.token') - before).toBe(1);
  });

  it('Salesforce: an org that rotates refresh tokens gets the new one stored (the old one no longer works)', async () => {
    salesforce.rotateRefreshTokens = true;
    try {
      const oldRefresh = salesforce.tokens.issueRefreshToken();
      const integration = await connected('salesforce', { access: salesforce.issueAccessToken(), refresh: oldRefresh }, {
        tokenIssuedAt: new Date(Date.now() - 120 * MINUTE),
        instanceUrl: salesforce.url,
      });
      expect(await fixture.service.sync(integration.id)).toMatchObject({ outcome: 'completed' });
      const stored = await fixture.integration(integration.id);
      const newRefresh = vault.read(stored, 'refresh_token');
      expect(newRefresh).not.toBe(oldRefresh);
      expect(salesforce.tokens.isRefreshToken(oldRefresh)).toBe(false);
      expect(salesforce.tokens.isRefreshToken(newRefresh ?? '')).toBe(true);

      // The next refresh presents the rotated token and succeeds.
      await fixture.dataSource.query(`UPDATE integrations SET token_issued_at = now() - interval '2 hours' WHERE id = $1`, [integration.id]);
      expect(await fixture.service.sync(integration.id)).toMatchObject({ outcome: 'completed' });
      expect(await fixture.integration(integration.id)).toMatchObject({ status: 'connected' });
    } finally {
      salesforce.rotateRefreshTokens = false;
    }
  });

  it('a revoked refresh token means re-authorization', async () => {
    const refresh = hubspot.tokens.issueRefreshToken();
    hubspot.tokens.revokeRefreshToken(refresh);
    const integration = await connected('hubspot', { access: 'stale', refresh }, { tokenExpiresAt: new Date(Date.now() - MINUTE), tokenIssuedAt: new Date(Date.now() - 31 * MINUTE) });
    expect(await fixture.service.sync(integration.id)).toMatchObject({ outcome: 'auth_lost', errorCode: 'provider_auth_lost' });
    expect(await fixture.integration(integration.id)).toMatchObject({ status: 'reauth_required', syncStage: 'failed' });
  });

  it('fails (not retried) when no key is configured or a token was moved from another row', async () => {
    const moved = await connected('hubspot', { access: hubspot.issueAccessToken(), refresh: null }, { tokenExpiresAt: new Date(Date.now() + 20 * MINUTE) });
    const other = await fixture.newIntegration('hubspot', { accessToken: moved.accessToken, tokenExpiresAt: new Date(Date.now() + 20 * MINUTE) });
    await expect(fixture.service.sync(other.id)).rejects.toMatchObject({ code: 'credentials_undecryptable' });
    expect(await fixture.integration(other.id)).toMatchObject({ syncStage: 'failed', lastErrorCode: 'credentials_undecryptable' });

    useSettings({ ...settings, cipher: null });
    await expect(fixture.service.sync(moved.id)).rejects.toMatchObject({ code: 'credentials_key_missing' });
    expect(await fixture.integration(moved.id)).toMatchObject({ syncStage: 'failed', lastErrorCode: 'credentials_key_missing' });
  });
});
