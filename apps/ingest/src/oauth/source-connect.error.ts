export enum SourceConnectErrorCode {
  NotConfigured = 'oauth_not_configured',
  Denied = 'oauth_denied',
  ExchangeFailed = 'oauth_exchange_failed',
  ScopeMissing = 'oauth_scope_missing',
  ProviderUnavailable = 'provider_unavailable',
}

const HTTP_STATUS: Record<SourceConnectErrorCode, number> = {
  [SourceConnectErrorCode.NotConfigured]: 503,
  [SourceConnectErrorCode.Denied]: 400,
  [SourceConnectErrorCode.ExchangeFailed]: 400,
  [SourceConnectErrorCode.ScopeMissing]: 400,
  [SourceConnectErrorCode.ProviderUnavailable]: 503,
};

/** A connect flow that cannot go on; the message is fixed text (no token, code or address). */
export class SourceConnectError extends Error {
  override readonly name = 'SourceConnectError';

  constructor(
    readonly code: SourceConnectErrorCode,
    message: string,
  ) {
    super(message);
  }

  getStatus(): number {
    return HTTP_STATUS[this.code];
  }
}
