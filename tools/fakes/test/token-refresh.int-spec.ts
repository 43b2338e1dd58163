import {
  accessTokenNeedsRefresh,
  CircuitBreakerRegistry,
  HubSpotCrmClient,
  HubSpotTokenClient,
  ProviderCallExecutor,
  ProviderErrorCode,
  SalesforceCrmClient,
  SalesforceTokenClient,
} from '@sentinel/providers';
import { HubSpotFake, SalesforceFake } from '../src';

const CREDENTIALS = { clientId: 'sentinel-client', clientSecret: 'sentinel-secret' };
const FAST_RETRY = { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10, maxRetryAfterMs: 1_000 };

describe('token refresh against the fakes', () => {
  const hubspot = new HubSpotFake();
  const salesforce = new SalesforceFake();
  const breakers = new CircuitBreakerRegistry();
  const executor = new ProviderCallExecutor(breakers, FAST_RETRY);

  beforeAll(async () => {
    await hubspot.start();
    await salesforce.start();
  });
  afterAll(async () => {
    breakers.shutdown();
    await hubspot.stop();
    await salesforce.stop();
  });

  it('refreshes a HubSpot token into a server-given expiry, and the new token works', async () => {
    const now = new Date();
    const grant = await new HubSpotTokenClient(CREDENTIALS, executor, hubspot.url).refresh(hubspot.tokens.issueRefreshToken(), now);
    expect(grant.expiresAt).toEqual(new Date(now.getTime() + 1_800_000));
    expect(grant.refreshToken).toEqual(expect.any(String));
    expect(accessTokenNeedsRefresh('hubspot', { tokenExpiresAt: grant.expiresAt, tokenIssuedAt: grant.issuedAt }, now)).toBe(false);
    const client = new HubSpotCrmClient({ accessToken: grant.accessToken, basePath: hubspot.url }, executor);
    await expect(client.fetchDeals(null)).resolves.toEqual({ records: [], next: null });
  });

  it('reports a revoked HubSpot refresh token as auth lost', async () => {
    const revoked = hubspot.tokens.issueRefreshToken();
    hubspot.tokens.revokeRefreshToken(revoked);
    await expect(new HubSpotTokenClient(CREDENTIALS, executor, hubspot.url).refresh(revoked)).rejects.toMatchObject({ code: ProviderErrorCode.AuthLost });
  });

  it('refreshes a Salesforce session: no expiry, issued_at and instance_url kept, the new session works', async () => {
    const grant = await new SalesforceTokenClient(CREDENTIALS, executor, salesforce.url).refresh(salesforce.tokens.issueRefreshToken());
    expect(grant).toMatchObject({ expiresAt: null, refreshToken: null, instanceUrl: salesforce.url });
    expect(Math.abs(grant.issuedAt.getTime() - Date.now())).toBeLessThan(5_000);
    const client = new SalesforceCrmClient({ instanceUrl: grant.instanceUrl ?? '', accessToken: grant.accessToken }, executor);
    await expect(client.fetchDeals(null)).resolves.toEqual({ records: [], next: null });
  });

  it('reports invalid_grant from Salesforce as auth lost', async () => {
    await expect(new SalesforceTokenClient(CREDENTIALS, executor, salesforce.url).refresh('not-a-refresh-token')).rejects.toMatchObject({
      code: ProviderErrorCode.AuthLost,
    });
  });
});
