import { Client } from '@hubspot/api-client';
import { ProviderError, ProviderErrorCode } from '../errors/provider.error';
import { HUBSPOT_DEFAULT_BASE_PATH } from '../hubspot/hubspot-crm.client';
import { toHubSpotError } from '../hubspot/hubspot-error.mapper';
import type { ProviderCallExecutor } from '../resilience/provider-call.executor';
import type { AuthorizationGrant, OAuthClientCredentials, TokenGrant } from './token-grant';

/**
 * HubSpot's OAuth token endpoint (`POST /oauth/v1/token`): the authorization-code exchange of a
 * connect flow and refreshes; `GET /oauth/v1/access-tokens/{token}` names the portal a token is for.
 */
export class HubSpotTokenClient {
  private readonly client: Client;

  constructor(
    private readonly credentials: OAuthClientCredentials,
    private readonly executor: ProviderCallExecutor,
    basePath = HUBSPOT_DEFAULT_BASE_PATH,
  ) {
    this.client = new Client({ basePath, numberOfApiCallRetries: 0 });
  }

  /** Exchanges a connect flow's code; a rejected (unknown, used or expired) code is AuthLost. */
  async exchangeCode(code: string, redirectUri: string, now = new Date()): Promise<AuthorizationGrant> {
    const response = await this.executor.execute('hubspot', async () => {
      try {
        return await this.client.oauth.tokensApi.create('authorization_code', code, redirectUri, this.credentials.clientId, this.credentials.clientSecret);
      } catch (error) {
        if ((error as { code?: unknown } | null)?.code === 400) {
          throw new ProviderError(ProviderErrorCode.AuthLost, 'hubspot', 'authorization code rejected (400)', { status: 400 });
        }
        throw toHubSpotError(error);
      }
    });
    const info = await this.executor.execute('hubspot', async () => {
      try {
        return await this.client.oauth.accessTokensApi.get(response.accessToken);
      } catch (error) {
        throw toHubSpotError(error);
      }
    });
    return {
      accessToken: response.accessToken,
      refreshToken: response.refreshToken,
      expiresAt: new Date(now.getTime() + response.expiresIn * 1000),
      issuedAt: now,
      instanceUrl: null,
      externalAccountId: String(info.hubId),
    };
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
