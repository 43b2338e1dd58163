import { CryptoError } from './crypto.error';

export enum OAuthStateErrorCode {
  /** No state cookie or no `state` query parameter: the flow was not started here, or the cookie expired. */
  Missing = 'state_missing',
  /** The cookie is not in the signed-state format (bad base64url, bad JSON, wrong shape). */
  Malformed = 'state_malformed',
  /** The HMAC does not match: the cookie was altered or signed with another secret. */
  Forged = 'state_forged',
  /** The signed expiry has passed. */
  Expired = 'state_expired',
  /** Genuine cookie, but for another flow: the state param, user or provider differ (CSRF / login swap). */
  Mismatch = 'state_mismatch',
}

/** The OAuth callback must be refused. Codes are safe to log; the cookie and state values are not. */
export class OAuthStateError extends CryptoError<OAuthStateErrorCode> {
  constructor(code: OAuthStateErrorCode, reason: string) {
    super(code, `OAuth state rejected (${code}): ${reason}`);
  }
}
