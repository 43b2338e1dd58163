import { ProviderError, ProviderErrorCode } from '../errors/provider.error';
import { parseRetryAfter } from '../resilience/retry-after.parser';
import { networkErrorCode } from '../resilience/network-error';

/** The shape shared by every generated `ApiException` class of @hubspot/api-client (one per API module). */
interface HubSpotApiException {
  code: number;
  headers: Record<string, string>;
}

function isApiException(error: unknown): error is HubSpotApiException {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'number' && 'headers' in error;
}

/** Translates anything @hubspot/api-client throws into a ProviderError (bodies are dropped: they may hold PII). */
export function toHubSpotError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  if (isApiException(error)) {
    const status = error.code;
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(error.headers['retry-after']);
      return new ProviderError(ProviderErrorCode.RateLimited, 'hubspot', 'rate limited (429)', { status, retryAfterMs });
    }
    if (status === 401) return new ProviderError(ProviderErrorCode.AuthLost, 'hubspot', 'access token rejected (401)', { status });
    if (status === 403) return new ProviderError(ProviderErrorCode.PermissionLost, 'hubspot', 'scope missing (403)', { status });
    if (status >= 500) return new ProviderError(ProviderErrorCode.Unavailable, 'hubspot', `server error (${status})`, { status });
    return new ProviderError(ProviderErrorCode.BadResponse, 'hubspot', `unexpected status ${status}`, { status });
  }
  const network = networkErrorCode(error);
  if (network) return new ProviderError(ProviderErrorCode.Network, 'hubspot', `network failure (${network})`);
  return new ProviderError(ProviderErrorCode.BadResponse, 'hubspot', 'unreadable response');
}
