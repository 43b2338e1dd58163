export interface SignedStateInput {
  /** The signed-in user starting the connect flow; the callback must be completed by the same user. */
  readonly userId: string;
  /** Provider key, e.g. `hubspot`, `salesforce`, `google`, `slack`. */
  readonly provider: string;
  /** Same-origin path to return to after the callback (absolute URLs are refused: open redirect). */
  readonly redirectAfter?: string;
  /** PKCE verifier to send with the token exchange; travels in the HttpOnly cookie only. */
  readonly codeVerifier?: string;
}

export interface CreateSignedStateOptions {
  /** HMAC secret, at least 32 bytes. */
  readonly secret: string | Buffer;
  /** Lifetime of the flow, 1-3600 seconds. */
  readonly ttlSeconds: number;
  readonly now: Date;
}

export interface SignedState {
  /** Set as an HttpOnly, Secure, SameSite=Lax cookie with Max-Age = ttlSeconds. */
  readonly cookieValue: string;
  /** Sent as the `state` query parameter of the authorize URL. */
  readonly stateParam: string;
  /** The random nonce binding cookie and parameter (today `stateParam` is this nonce). */
  readonly nonce: string;
}

export interface VerifySignedStateOptions {
  readonly secret: string | Buffer;
  readonly now: Date;
  /** The user of the session handling the callback. */
  readonly expectedUserId: string;
  /** The provider whose callback route is being handled. */
  readonly expectedProvider: string;
}

export interface VerifiedState {
  readonly userId: string;
  readonly provider: string;
  readonly nonce: string;
  readonly redirectAfter?: string;
  readonly codeVerifier?: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
}
