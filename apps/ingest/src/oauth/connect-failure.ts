import { ProviderError, ProviderErrorCode } from '@sentinel/providers';
import { SourceConnectError, SourceConnectErrorCode } from './source-connect.error';

/**
 * Translates a provider failure during a connect flow: a refused code or grant is the user's to
 * retry (400); an unreachable or failing provider is temporary (503). `status` is the HTTP status
 * of a failed API call, when there was an answer.
 */
export function connectFailure(error: unknown, status?: number): unknown {
  if (error instanceof SourceConnectError) return error;
  const refused = error instanceof ProviderError
    ? [ProviderErrorCode.AuthLost, ProviderErrorCode.BadResponse, ProviderErrorCode.PermissionLost].includes(error.code)
    : status !== undefined && status >= 400 && status < 500 && status !== 429;
  if (refused) return new SourceConnectError(SourceConnectErrorCode.ExchangeFailed, 'the provider refused the authorization; connect again');
  return new SourceConnectError(SourceConnectErrorCode.ProviderUnavailable, 'the provider could not be reached; connect again later');
}

/** Every scope the connect flow needs must have been granted (a consent screen may let the user untick one). */
export function assertScopesGranted(required: readonly string[], granted: readonly string[]): void {
  const missing = required.filter((scope) => !granted.includes(scope));
  if (missing.length > 0) throw new SourceConnectError(SourceConnectErrorCode.ScopeMissing, `the grant lacks a required read-only scope (${missing.join(', ')})`);
}
