import { Client } from '@hubspot/api-client';
import { ProviderError, ProviderErrorCode } from '../errors/provider.error';
import { HUBSPOT_DEFAULT_BASE_PATH } from '../hubspot/hubspot-crm.client';
import { toHubSpotError } from '../hubspot/hubspot-error.mapper';
import type { ProviderCallExecutor } from '../resilience/provider-call.executor';
import type { OAuthClientCredentials, TokenGrant } from './token-grant';

/** Refreshes HubSpot access tokens (`POST /oauth/v1/token`, grant_type=refresh_token). */
export class HubSpotTokenClient {
  private readonly client: Client;

  constructor(
    private readonly credentials: OAuthClientCredentials,
    private readonly executor: ProviderCallExecutor,
    basePath = HUBSPOT_DEFAULT_BASE_PATH,
  ) {
    this.client = new Client({ basePath, numberOfApiCallRetries: 0 });
  }

  async refresh(refreshToken: string, now = new Date()): Promise<TokenGrant> {
    const response = await this.executor.execute('hubspot', async () => {
      try {
        return await this.client.oauth.tokensApi.create(
          'refresh_token', undefined, undefined, this.credentials.clientId, this.credentials.clientSecret, refreshToken,
        );
      } catch (error) {
        // The token endpoint answers 400 (BAD_REFRESH_TOKEN) for a revoked or unknown refresh token.
        if ((error as { code?: unknown } | null)?.code === 400) {
          throw new ProviderError(ProviderErrorCode.AuthLost, 'hubspot', 'refresh token rejected (400)', { status: 400 });
        }
        throw toHubSpotError(error);
      }
    });
    return {
      accessToken: response.accessToken,
      refreshToken: response.refreshToken,
      expiresAt: new Date(now.getTime() + response.expiresIn * 1000),
      issuedAt: now,
      instanceUrl: null,
    };
  }
}
