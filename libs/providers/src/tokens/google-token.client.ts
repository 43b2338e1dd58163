import { ProviderError, ProviderErrorCode } from '../errors/provider.error';
import { networkErrorCode } from '../resilience/network-error';
import { parseRetryAfter } from '../resilience/retry-after.parser';
import type { OAuthClientCredentials, TokenGrant } from './token-grant';

export const GOOGLE_DEFAULT_TOKEN_URL = 'https://oauth2.googleapis.com/token';
const TIMEOUT_MS = 10_000;

/** The first grant of a Google connect flow, with the scopes the user actually granted. */
export interface GoogleAuthorizationGrant extends TokenGrant {
  refreshToken: string;
  scopes: string[];
}

interface GoogleTokenResponse {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
  scope?: unknown;
}

/**
 * Google's OAuth token endpoint (`POST <tokenUrl>`, form-encoded, client credentials in the body):
 * the authorization-code exchange of a connect flow and access-token refreshes. Google refresh
 * tokens do not rotate, so a refresh never returns one to store. `provider` names the integration
 * in errors (Gmail and Calendar share the endpoint).
 */
export class GoogleTokenClient {
  constructor(
    private readonly credentials: OAuthClientCredentials,
    private readonly provider: 'gmail' | 'calendar',
    private readonly tokenUrl = GOOGLE_DEFAULT_TOKEN_URL,
  ) {}

  /** A rejected (unknown, used or expired) code is AuthLost. No refresh token means the app was not granted offline access. */
  async exchangeCode(code: string, redirectUri: string, now = new Date()): Promise<GoogleAuthorizationGrant> {
    const body = await this.post({ grant_type: 'authorization_code', code, redirect_uri: redirectUri });
    const grant = this.grantFrom(body, now);
    if (typeof body.refresh_token !== 'string' || body.refresh_token === '') {
      throw new ProviderError(ProviderErrorCode.BadResponse, this.provider, 'token response carries no refresh token');
    }
    return { ...grant, refreshToken: body.refresh_token, scopes: typeof body.scope === 'string' ? body.scope.split(' ').filter(Boolean) : [] };
  }

  async refresh(refreshToken: string, now = new Date()): Promise<TokenGrant> {
    return this.grantFrom(await this.post({ grant_type: 'refresh_token', refresh_token: refreshToken }), now);
  }

  private grantFrom(body: GoogleTokenResponse, now: Date): TokenGrant {
    if (typeof body.access_token !== 'string' || typeof body.expires_in !== 'number') {
      throw new ProviderError(ProviderErrorCode.BadResponse, this.provider, 'token response has no access token or expiry');
    }
    return { accessToken: body.access_token, refreshToken: null, expiresAt: new Date(now.getTime() + body.expires_in * 1000), issuedAt: now, instanceUrl: null };
  }

  private async post(fields: Record<string, string>): Promise<GoogleTokenResponse> {
    const form = new URLSearchParams({ ...fields, client_id: this.credentials.clientId, client_secret: this.credentials.clientSecret });
    let response: Response;
    try {
      response = await fetch(this.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new ProviderError(ProviderErrorCode.Network, this.provider, `token endpoint unreachable (${networkErrorCode(error) ?? 'timeout'})`);
    }
    if (response.ok) return (await response.json()) as GoogleTokenResponse;
    const status = response.status;
    // 400 invalid_grant / 401 invalid_client: the grant or the app is refused; the user must connect again.
    if (status === 400 || status === 401) throw new ProviderError(ProviderErrorCode.AuthLost, this.provider, `grant rejected (${status})`, { status });
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after') ?? undefined);
      throw new ProviderError(ProviderErrorCode.RateLimited, this.provider, 'token endpoint rate limited', { status, ...(retryAfterMs !== undefined && { retryAfterMs }) });
    }
    if (status >= 500) throw new ProviderError(ProviderErrorCode.Unavailable, this.provider, `token endpoint error (${status})`, { status });
    throw new ProviderError(ProviderErrorCode.BadResponse, this.provider, `token endpoint refused (${status})`, { status });
  }
}
