/** Codes of crm-sync's HTTP-facing domain errors, each answered with one status by CrmSyncHttpErrorFilter. */
export enum CrmSyncHttpErrorCode {
  /** OAUTH_STATE_SECRET, OAUTH_CALLBACK_ORIGIN, the provider's app credentials or the encryption key is missing. */
  OAuthNotConfigured = 'oauth_not_configured',
  /** The provider sent the user back with `error=` (consent denied) or without a code. */
  OAuthDenied = 'oauth_denied',
  /** The provider refused the code (unknown, used, expired) or answered without an account. */
  OAuthExchangeFailed = 'oauth_exchange_failed',
  /** The provider could not be reached for the exchange; the user may retry. */
  ProviderUnavailable = 'provider_unavailable',
  IntegrationNotFound = 'integration_not_found',
  /** Sync asked for an integration that is disconnected or needs re-authorization. */
  IntegrationNotConnected = 'integration_not_connected',
  SyncAlreadyRunning = 'sync_already_running',
  ContactNotFound = 'contact_not_found',
}

const HTTP_STATUS: Record<CrmSyncHttpErrorCode, number> = {
  [CrmSyncHttpErrorCode.OAuthNotConfigured]: 503,
  [CrmSyncHttpErrorCode.OAuthDenied]: 400,
  [CrmSyncHttpErrorCode.OAuthExchangeFailed]: 400,
  [CrmSyncHttpErrorCode.ProviderUnavailable]: 503,
  [CrmSyncHttpErrorCode.IntegrationNotFound]: 404,
  [CrmSyncHttpErrorCode.IntegrationNotConnected]: 409,
  [CrmSyncHttpErrorCode.SyncAlreadyRunning]: 409,
  [CrmSyncHttpErrorCode.ContactNotFound]: 404,
};

/** A request crm-sync refuses for a domain reason. Messages are fixed text: never a token, code or address. */
export class CrmSyncHttpError extends Error {
  override readonly name = 'CrmSyncHttpError';

  constructor(
    readonly code: CrmSyncHttpErrorCode,
    message: string,
  ) {
    super(message);
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }
}
