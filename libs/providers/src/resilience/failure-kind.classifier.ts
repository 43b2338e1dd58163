import { ProviderError, ProviderErrorCode } from '../errors/provider.error';

/**
 * What a caller should do about a failure, decided in one place (twenty's
 * message-import-exception-handler): `temporary` - back off and retry later; `auth_lost` - mark
 * the integration for re-authorization and stop; `unknown` - a bug or an unexpected answer: fail
 * the run loudly, never retry blindly.
 */
export type FailureKind = 'temporary' | 'auth_lost' | 'unknown';

const KIND_BY_CODE: Record<ProviderErrorCode, FailureKind> = {
  [ProviderErrorCode.RateLimited]: 'temporary',
  [ProviderErrorCode.Unavailable]: 'temporary',
  [ProviderErrorCode.Network]: 'temporary',
  [ProviderErrorCode.CircuitOpen]: 'temporary',
  [ProviderErrorCode.AuthLost]: 'auth_lost',
  [ProviderErrorCode.PermissionLost]: 'auth_lost',
  [ProviderErrorCode.BadResponse]: 'unknown',
};

export function classifyFailure(error: unknown): FailureKind {
  return error instanceof ProviderError ? KIND_BY_CODE[error.code] : 'unknown';
}

/** The code to record as an integration's last error: the provider code, or `unknown`. */
export function failureCode(error: unknown): string {
  return error instanceof ProviderError ? error.code : 'unknown';
}
