import type { CookieOptions, Request, Response } from 'express';

/** Name of the signed-state cookie. Path=/oauth: the browser sends it to the callback only. */
export const OAUTH_STATE_COOKIE = 'sentinel_oauth_state';
const COOKIE_PATH = '/oauth';

/** The part of Express's response a connect or callback route needs. */
export type CookieWriter = Pick<Response, 'cookie' | 'clearCookie'>;

/**
 * HttpOnly (scripts never see the flow, its PKCE verifier included), SameSite=Lax (sent on the
 * provider's top-level redirect back to us, not on cross-site subrequests), short-lived.
 */
function cookieOptions(secure: boolean): CookieOptions {
  return { httpOnly: true, secure, sameSite: 'lax', path: COOKIE_PATH };
}

export function setStateCookie(response: CookieWriter, value: string, ttlSeconds: number, secure: boolean): void {
  response.cookie(OAUTH_STATE_COOKIE, value, { ...cookieOptions(secure), maxAge: ttlSeconds * 1000 });
}

/** A state is single-use: the callback clears it whatever the outcome. */
export function clearStateCookie(response: CookieWriter, secure: boolean): void {
  response.clearCookie(OAUTH_STATE_COOKIE, cookieOptions(secure));
}

/** The state cookie of a request, read from the raw header (no cookie parser is installed). */
export function readStateCookie(request: Pick<Request, 'headers'>): string | undefined {
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator > 0 && pair.slice(0, separator).trim() === OAUTH_STATE_COOKIE) return pair.slice(separator + 1).trim();
  }
  return undefined;
}
