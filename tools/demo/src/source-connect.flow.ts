import { bearer } from './http-json.client';
import { cookiesOf, followConsent } from './oauth-consent';

export type DemoSource = 'gmail' | 'calendar' | 'slack';

/**
 * ingest's real OAuth connect flow for a source: `GET /oauth/<source>/connect` (302 to the consent
 * page, signed state cookie), the consent page (Google's picks the signed-in account from
 * `login_hint`), then the callback. Reconnecting the same account reuses its integration row.
 */
export async function connectSource(ingestUrl: string, token: string, source: DemoSource, loginHint?: string): Promise<string> {
  const connect = await fetch(`${ingestUrl}/oauth/${source}/connect`, { headers: bearer(token), redirect: 'manual' });
  const location = connect.headers.get('location');
  if (connect.status !== 302 || !location) throw new Error(`GET /oauth/${source}/connect answered ${connect.status}: ${(await connect.text()).slice(0, 300)}`);
  const authorizeUrl = new URL(location);
  if (loginHint) authorizeUrl.searchParams.set('login_hint', loginHint);
  const connected = await followConsent<{ id: string }>(authorizeUrl, cookiesOf(connect), source);
  return connected.id;
}
