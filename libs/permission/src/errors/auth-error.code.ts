/** Every refusal the three layers can answer, with the status it maps to (the one place that decides). */
export enum AuthErrorCode {
  TokenMissing = 'token_missing',
  TokenInvalid = 'token_invalid',
  TokenShapeLegacy = 'token_shape_legacy',
  SystemTokenRequired = 'system_token_required',
  TenantNotAMember = 'tenant_not_a_member',
  PermissionDenied = 'permission_denied',
  TooManyFailedAttempts = 'too_many_failed_attempts',
  IdentityUnavailable = 'identity_unavailable',
  RateLimitUnavailable = 'rate_limit_unavailable',
}

export const AUTH_ERROR_STATUS: Record<AuthErrorCode, number> = {
  [AuthErrorCode.TokenMissing]: 401,
  [AuthErrorCode.TokenInvalid]: 401,
  [AuthErrorCode.TokenShapeLegacy]: 401,
  [AuthErrorCode.SystemTokenRequired]: 401,
  [AuthErrorCode.TenantNotAMember]: 403,
  [AuthErrorCode.PermissionDenied]: 403,
  [AuthErrorCode.TooManyFailedAttempts]: 429,
  [AuthErrorCode.IdentityUnavailable]: 503,
  [AuthErrorCode.RateLimitUnavailable]: 503,
};

export const AUTH_ERROR_MESSAGE: Record<AuthErrorCode, string> = {
  [AuthErrorCode.TokenMissing]: 'An Authorization: Bearer token is required.',
  [AuthErrorCode.TokenInvalid]: 'The access token is invalid.',
  [AuthErrorCode.TokenShapeLegacy]: 'Single-tenant legacy tokens are no longer accepted.',
  [AuthErrorCode.SystemTokenRequired]: 'This route accepts only the system token.',
  [AuthErrorCode.TenantNotAMember]: 'The token does not belong to this tenant.',
  [AuthErrorCode.PermissionDenied]: 'Insufficient permissions.',
  [AuthErrorCode.TooManyFailedAttempts]: 'Too many failed attempts; retry later.',
  [AuthErrorCode.IdentityUnavailable]: 'The identity service could not be reached; retry later.',
  [AuthErrorCode.RateLimitUnavailable]: 'The attempt limiter is unavailable; retry later.',
};

/** Seconds a client should wait after a 503 from an identity outage. */
export const IDENTITY_RETRY_AFTER_SECONDS = 5;
