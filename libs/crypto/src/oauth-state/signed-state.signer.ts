import { randomBytes } from 'node:crypto';
import { decodeBase64UrlStrict } from '../encoding/base64.util';
import { CryptoArgumentError, CryptoArgumentErrorCode } from '../errors/crypto-argument.error';
import { OAuthStateError, OAuthStateErrorCode } from '../errors/oauth-state.error';
import { constantTimeEqual, hmacSha256 } from '../hmac/hmac.util';
import { assertCodeVerifier } from './pkce.util';
import { decodeStatePayload, encodeStatePayload, isSafeRedirectPath, type StatePayload } from './signed-state.codec';
import type { CreateSignedStateOptions, SignedState, SignedStateInput, VerifiedState, VerifySignedStateOptions } from './signed-state.types';

// Domain separation: a signature made for OAuth state can never be replayed as another HMAC use
// (webhooks, Slack) of the same secret, nor as a future state version.
const SIGNING_CONTEXT = 'sentinel.oauth-state.v1.';
const MIN_SECRET_BYTES = 32;
const MAX_TTL_SECONDS = 3600;
const NONCE_BYTES = 32;
const SIGNATURE_BYTES = 32;
// Browsers cap a cookie near 4 KB; anything longer was not written by us.
const MAX_COOKIE_LENGTH = 4096;

/**
 * Starts a stateless OAuth connect flow: the cookie carries the signed flow (user, provider, nonce,
 * expiry, optional PKCE verifier and return path); the state parameter carries the nonce. The
 * callback proves with `verifySignedState` that both come from a flow this user started here.
 */
export function createSignedState(input: SignedStateInput, options: CreateSignedStateOptions): SignedState {
  assertSecret(options.secret);
  assertNonEmpty(input.userId, 'userId');
  assertNonEmpty(input.provider, 'provider');
  if (!Number.isSafeInteger(options.ttlSeconds) || options.ttlSeconds < 1 || options.ttlSeconds > MAX_TTL_SECONDS) {
    throw new CryptoArgumentError(CryptoArgumentErrorCode.InvalidTtl, `ttlSeconds must be an integer from 1 to ${MAX_TTL_SECONDS}`);
  }
  if (input.redirectAfter !== undefined && !isSafeRedirectPath(input.redirectAfter)) {
    throw new CryptoArgumentError(CryptoArgumentErrorCode.InvalidRedirect, 'redirectAfter must be a same-origin path starting with a single "/"');
  }
  if (input.codeVerifier !== undefined) assertCodeVerifier(input.codeVerifier);

  const issuedAt = toUnixSeconds(options.now);
  const nonce = randomBytes(NONCE_BYTES).toString('base64url');
  const payload: StatePayload = {
    v: 1,
    nonce,
    sub: input.userId,
    provider: input.provider,
    ...(input.redirectAfter !== undefined && { redirectAfter: input.redirectAfter }),
    ...(input.codeVerifier !== undefined && { codeVerifier: input.codeVerifier }),
    iat: issuedAt,
    exp: issuedAt + options.ttlSeconds,
  };
  const segment = encodeStatePayload(payload);
  return { cookieValue: `${segment}.${sign(options.secret, segment)}`, stateParam: nonce, nonce };
}

/**
 * Checks an OAuth callback against the state cookie, in this order: both present, cookie well-formed,
 * signature (constant time), expiry, then that the `state` parameter, provider and user are the ones
 * the flow was started for. Throws OAuthStateError; returns the flow's payload only when all pass.
 */
export function verifySignedState(
  cookieValue: string | undefined | null,
  stateParam: string | undefined | null,
  options: VerifySignedStateOptions,
): VerifiedState {
  assertSecret(options.secret);
  const nowSeconds = toUnixSeconds(options.now);
  if (!cookieValue) throw new OAuthStateError(OAuthStateErrorCode.Missing, 'no state cookie');
  if (!stateParam) throw new OAuthStateError(OAuthStateErrorCode.Missing, 'no state parameter');

  const parts = cookieValue.length <= MAX_COOKIE_LENGTH ? cookieValue.split('.') : [];
  const [segment, signature] = parts;
  const signatureBytes = signature === undefined ? undefined : decodeBase64UrlStrict(signature);
  if (parts.length !== 2 || !segment || signatureBytes?.length !== SIGNATURE_BYTES || !decodeBase64UrlStrict(segment)) {
    throw new OAuthStateError(OAuthStateErrorCode.Malformed, 'state cookie is not a signed state');
  }
  if (!constantTimeEqual(signatureBytes, hmacSha256(options.secret, SIGNING_CONTEXT + segment))) {
    throw new OAuthStateError(OAuthStateErrorCode.Forged, 'state cookie signature does not match');
  }
  const payload = decodeStatePayload(segment);
  if (!payload) throw new OAuthStateError(OAuthStateErrorCode.Malformed, 'state cookie payload has an unknown shape');
  if (nowSeconds >= payload.exp) throw new OAuthStateError(OAuthStateErrorCode.Expired, 'the connect flow has expired; start again');

  // The nonce is the CSRF secret: compared in constant time. User and provider are not secret.
  if (!constantTimeEqual(stateParam, payload.nonce)) {
    throw new OAuthStateError(OAuthStateErrorCode.Mismatch, 'state parameter does not belong to this cookie');
  }
  if (payload.provider !== options.expectedProvider) {
    throw new OAuthStateError(OAuthStateErrorCode.Mismatch, 'state was issued for another provider');
  }
  if (payload.sub !== options.expectedUserId) {
    throw new OAuthStateError(OAuthStateErrorCode.Mismatch, 'state was issued to another user');
  }
  return {
    userId: payload.sub,
    provider: payload.provider,
    nonce: payload.nonce,
    ...(payload.redirectAfter !== undefined && { redirectAfter: payload.redirectAfter }),
    ...(payload.codeVerifier !== undefined && { codeVerifier: payload.codeVerifier }),
    issuedAt: new Date(payload.iat * 1000),
    expiresAt: new Date(payload.exp * 1000),
  };
}

function sign(secret: string | Buffer, segment: string): string {
  return hmacSha256(secret, SIGNING_CONTEXT + segment, 'base64url');
}

function assertSecret(secret: string | Buffer): void {
  const length = typeof secret === 'string' ? Buffer.byteLength(secret, 'utf8') : secret.length;
  if (length < MIN_SECRET_BYTES) {
    throw new CryptoArgumentError(CryptoArgumentErrorCode.WeakSecret, `OAuth state secret must be at least ${MIN_SECRET_BYTES} bytes`);
  }
}

function assertNonEmpty(value: string, field: string): void {
  if (typeof value !== 'string' || value.length === 0) {
    throw new CryptoArgumentError(CryptoArgumentErrorCode.InvalidStateInput, `${field} must be a non-empty string`);
  }
}

function toUnixSeconds(now: Date): number {
  const millis = now.getTime();
  if (!Number.isFinite(millis)) throw new CryptoArgumentError(CryptoArgumentErrorCode.InvalidStateInput, 'now must be a valid Date');
  return Math.floor(millis / 1000);
}
