import { createSignedState, verifySignedState, type VerifiedState } from '@sentinel/crypto';
import { clearStateCookie, setStateCookie, type CookieWriter } from './oauth-state.cookie';

/** What every service's connect flow is configured with. */
export interface OAuthStateFlowSettings {
  /** HMAC secret of the state cookie, at least 32 bytes. */
  secret: string;
  ttlSeconds: number;
  cookieSecure: boolean;
}

export interface OAuthFlowStart {
  userId: string;
  provider: string;
  /** PKCE verifier, for providers that take one; travels only in the HttpOnly cookie. */
  codeVerifier?: string;
}

/**
 * Starts a stateless connect flow: the signed flow goes into the HttpOnly state cookie; the
 * returned value is the `state` parameter of the provider's authorize URL.
 */
export function beginOAuthFlow(response: CookieWriter, flow: OAuthFlowStart, settings: OAuthStateFlowSettings): string {
  const state = createSignedState(flow, { secret: settings.secret, ttlSeconds: settings.ttlSeconds, now: new Date() });
  setStateCookie(response, state.cookieValue, settings.ttlSeconds, settings.cookieSecure);
  return state.stateParam;
}

/**
 * Ends a flow at the provider's redirect back: the cookie is cleared whatever happens (a flow is
 * single-use), then the signed state is verified (throws OAuthStateError). The browser arrives
 * without a bearer token, so the user is the one the cookie claims; the HMAC authenticates that
 * claim before anything uses it.
 */
export function finishOAuthFlow(
  response: CookieWriter,
  cookie: string | undefined,
  stateParam: string | undefined,
  provider: string,
  settings: Pick<OAuthStateFlowSettings, 'secret' | 'cookieSecure'>,
): VerifiedState {
  clearStateCookie(response, settings.cookieSecure);
  return verifySignedState(cookie, stateParam, { secret: settings.secret, now: new Date(), expectedProvider: provider, expectedUserId: claimedUser(cookie) });
}

/** The `sub` a state cookie claims, read without trust (verification follows); '' when unreadable. */
function claimedUser(cookie: string | undefined): string {
  try {
    const payload: unknown = JSON.parse(Buffer.from(cookie?.split('.')[0] ?? '', 'base64url').toString('utf8'));
    const sub = (payload as { sub?: unknown } | null)?.sub;
    return typeof sub === 'string' ? sub : '';
  } catch {
    return '';
  }
}
