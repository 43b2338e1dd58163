import { requestJson } from './http-json.client';

/**
 * The browser's part of an OAuth connect flow, with a fake's consent page standing in for the
 * provider: open the authorize URL (approved at once, 302 back to our callback with a code and the
 * state), then follow that redirect carrying the state cookie the connect route set.
 */
export async function followConsent<T>(authorizeUrl: URL, cookie: string, provider: string): Promise<T> {
  const consent = await fetch(authorizeUrl, { redirect: 'manual' });
  const callbackUrl = consent.headers.get('location');
  if (consent.status !== 302 || !callbackUrl) throw new Error(`the ${provider} consent stand-in answered ${consent.status}`);
  return requestJson<T>(callbackUrl, { headers: { cookie } });
}

/** The `name=value` pairs of a response's Set-Cookie headers, as a browser sends them back. */
export function cookiesOf(response: Response): string {
  return response.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
}
