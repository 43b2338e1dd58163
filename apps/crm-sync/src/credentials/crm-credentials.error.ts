export enum CrmCredentialsErrorCode {
  /** INTEGRATION_ENCRYPTION_KEY is not configured: no token can be read or written. */
  KeyMissing = 'credentials_key_missing',
  /** A stored token does not decrypt (tampered, moved, or under a key no longer in the ring). */
  Undecryptable = 'credentials_undecryptable',
  /** The provider's OAuth app credentials are not configured, so a stale token cannot be refreshed. */
  OAuthAppMissing = 'credentials_oauth_app_missing',
}

/** Credentials that cannot be used for a reason on our side (configuration or storage), not the provider's. */
export class CrmCredentialsError extends Error {
  override readonly name = 'CrmCredentialsError';

  constructor(readonly code: CrmCredentialsErrorCode, message: string) {
    super(message);
  }
}
