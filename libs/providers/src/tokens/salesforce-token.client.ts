import { OAuth2 } from 'jsforce';
import { ProviderError, ProviderErrorCode } from '../errors/provider.error';
import { networkErrorCode } from '../resilience/network-error';
import type { ProviderCallExecutor } from '../resilience/provider-call.executor';
import type { AuthorizationGrant, OAuthClientCredentials, TokenGrant } from './token-grant';

export const SALESFORCE_DEFAULT_LOGIN_URL = 'https://login.salesforce.com';

/**
 * Salesforce's token endpoint (`POST /services/oauth2/token`) through jsforce's OAuth2: the
 * authorization-code exchange of a connect flow (with its PKCE verifier) and session refreshes.
 * `redirectUri` must be the one the authorize request named; a refresh does not send it.
 */
export class SalesforceTokenClient {
  private readonly oauth: OAuth2;

  constructor(
    credentials: OAuthClientCredentials,
    private readonly executor: ProviderCallExecutor,
    loginUrl = SALESFORCE_DEFAULT_LOGIN_URL,
    redirectUri = `${loginUrl}/unused`,
  ) {
    this.oauth = new OAuth2({ loginUrl, clientId: credentials.clientId, clientSecret: credentials.clientSecret, redirectUri });
  }

  async exchangeCode(code: string, codeVerifier: string): Promise<AuthorizationGrant> {
    const response = await this.executor.execute('salesforce', async () => {
      try {
        return await this.oauth.requestToken(code, { code_verifier: codeVerifier });
      } catch (error) {
        throw toSalesforceOAuthError(error);
      }
    });
    // `id` is the identity URL `<login>/id/<orgId>/<userId>`: the org is the connected account.
    const orgId = /\/id\/([^/]+)\/[^/]+$/.exec(response.id ?? '')?.[1];
    if (!orgId) throw new ProviderError(ProviderErrorCode.BadResponse, 'salesforce', 'token response names no org');
    const issuedAt = Number(response.issued_at);
    return {
      accessToken: response.access_token,
      refreshToken: response.refresh_token ?? null,
      expiresAt: null,
      issuedAt: Number.isFinite(issuedAt) ? new Date(issuedAt) : new Date(),
      instanceUrl: response.instance_url,
      externalAccountId: orgId,
    };
  }

  async refresh(refreshToken: string): Promise<TokenGrant> {
    const response = await this.executor.execute('salesforce', async () => {
      try {
        return await this.oauth.refreshToken(refreshToken);
      } catch (error) {
        throw toSalesforceOAuthError(error);
      }
    });
    const issuedAt = Number(response.issued_at);
    return {
      accessToken: response.access_token,
      // Only an org with refresh-token rotation sends a new one; it must replace the stored one.
      refreshToken: response.refresh_token ?? null,
      expiresAt: null,
      issuedAt: Number.isFinite(issuedAt) ? new Date(issuedAt) : new Date(),
      instanceUrl: response.instance_url,
    };
  }
}

/** jsforce's OAuth2 throws an Error named after the OAuth `error` (`invalid_grant`, or `ERROR_HTTP_<status>`). */
function toSalesforceOAuthError(error: unknown): ProviderError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'invalid_grant' || name === 'invalid_client') {
    return new ProviderError(ProviderErrorCode.AuthLost, 'salesforce', `grant rejected (${name})`);
  }
  const status = /^ERROR_HTTP_(\d{3})$/.exec(name)?.[1];
  if (status === '429') return new ProviderError(ProviderErrorCode.RateLimited, 'salesforce', 'token endpoint rate limited', { status: 429 });
  if (status !== undefined && Number(status) >= 500) {
    return new ProviderError(ProviderErrorCode.Unavailable, 'salesforce', `token endpoint error (${status})`, { status: Number(status) });
  }
  const network = networkErrorCode(error);
  if (network) return new ProviderError(ProviderErrorCode.Network, 'salesforce', `network failure (${network})`);
  return new ProviderError(ProviderErrorCode.BadResponse, 'salesforce', `token endpoint refused (${name || 'unknown'})`);
}
