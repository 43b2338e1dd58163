import { ProviderError, ProviderErrorCode } from '../errors/provider.error';
import { networkErrorCode } from '../resilience/network-error';

const AUTH_LOST_CODES = new Set(['INVALID_SESSION_ID', 'INVALID_AUTH_HEADER', 'INVALID_GRANT']);
const PERMISSION_LOST_CODES = new Set(['INSUFFICIENT_ACCESS', 'API_DISABLED_FOR_ORG', 'API_CURRENTLY_DISABLED', 'FUNCTIONALITY_NOT_ENABLED']);
const RATE_LIMIT_CODES = new Set(['REQUEST_LIMIT_EXCEEDED', 'ERROR_HTTP_429', 'ERROR_HTTP_420']);
const UNAVAILABLE_CODES = new Set(['SERVER_UNAVAILABLE', 'UNKNOWN_EXCEPTION']);

/**
 * Translates a jsforce failure into a ProviderError. jsforce's HttpApiError carries the
 * Salesforce errorCode (or `ERROR_HTTP_<status>` for a body it could not parse) but not the
 * response headers: SalesforceCrmClient adds a Retry-After it saw on the transport.
 */
export function toSalesforceError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  const errorCode = (error as { errorCode?: unknown } | null)?.errorCode;
  if (typeof errorCode === 'string') {
    if (AUTH_LOST_CODES.has(errorCode)) return new ProviderError(ProviderErrorCode.AuthLost, 'salesforce', `session rejected (${errorCode})`);
    if (PERMISSION_LOST_CODES.has(errorCode)) return new ProviderError(ProviderErrorCode.PermissionLost, 'salesforce', `access lost (${errorCode})`);
    if (RATE_LIMIT_CODES.has(errorCode)) return new ProviderError(ProviderErrorCode.RateLimited, 'salesforce', `rate limited (${errorCode})`);
    const status = /^ERROR_HTTP_(\d{3})$/.exec(errorCode)?.[1];
    if (UNAVAILABLE_CODES.has(errorCode) || (status !== undefined && Number(status) >= 500)) {
      return new ProviderError(ProviderErrorCode.Unavailable, 'salesforce', `server error (${errorCode})`, status ? { status: Number(status) } : {});
    }
    return new ProviderError(ProviderErrorCode.BadResponse, 'salesforce', `request refused (${errorCode})`);
  }
  const network = networkErrorCode(error);
  if (network) return new ProviderError(ProviderErrorCode.Network, 'salesforce', `network failure (${network})`);
  return new ProviderError(ProviderErrorCode.BadResponse, 'salesforce', 'unreadable response');
}
