import { normalizeEmail, GoogleTokenClient, type OAuthClientCredentials } from '@sentinel/providers';
import { google, type Auth } from 'googleapis';
import { statusOf } from '../sources/google/google-error.status';
import { assertScopesGranted, connectFailure } from './connect-failure';
import { SourceConnectError, SourceConnectErrorCode } from './source-connect.error';
import type { SourceConnection, SourceConnector } from './source-connector';

/** Read-only scopes, one per source: the grant can read mail or events, never change them. */
export const GOOGLE_SOURCE_SCOPES = {
  gmail: ['https://www.googleapis.com/auth/gmail.readonly'],
  calendar: ['https://www.googleapis.com/auth/calendar.readonly'],
} as const;

export interface GoogleConnectorSettings {
  authorizeUrl: string;
  tokenUrl: string;
  apiUrl: string;
}

/**
 * Google's half of the Gmail and Calendar connect flows: offline access (a refresh token) with one
 * read-only scope, the code exchanged through the shared GoogleTokenClient, then the account's own
 * addresses read with the new token. Gmail: the primary address (`users.getProfile`) and the
 * accepted send-as aliases (`users.settings.sendAs.list`); Calendar: the primary calendar's id,
 * which is its owner's address.
 */
export class GoogleConnector implements SourceConnector {
  readonly scopes: readonly string[];

  constructor(
    private readonly provider: 'gmail' | 'calendar',
    private readonly settings: GoogleConnectorSettings,
  ) {
    this.scopes = GOOGLE_SOURCE_SCOPES[provider];
  }

  authorizeUrl(app: OAuthClientCredentials, redirectUri: string, state: string): string {
    const url = new URL(this.settings.authorizeUrl);
    url.searchParams.set('client_id', app.clientId);
    url.searchParams.set('redirect_uri', redirectUri);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('scope', this.scopes.join(' '));
    // A refresh token, issued again on every consent, so a reconnect always stores a working one.
    url.searchParams.set('access_type', 'offline');
    url.searchParams.set('prompt', 'consent');
    url.searchParams.set('include_granted_scopes', 'false');
    url.searchParams.set('state', state);
    return url.toString();
  }

  async connect(app: OAuthClientCredentials, code: string, redirectUri: string): Promise<SourceConnection> {
    const grant = await new GoogleTokenClient(app, this.provider, this.settings.tokenUrl).exchangeCode(code, redirectUri).catch((error: unknown) => {
      throw connectFailure(error);
    });
    assertScopesGranted(this.scopes, grant.scopes);
    const auth = new google.auth.OAuth2({ transporterOptions: { fetchImplementation: fetch } });
    auth.setCredentials({ access_token: grant.accessToken });
    const addresses = await this.ownAddresses(auth).catch((error: unknown) => {
      throw connectFailure(error, statusOf(error));
    });
    const [primary] = addresses;
    if (!primary) throw new SourceConnectError(SourceConnectErrorCode.ExchangeFailed, 'the account names no address of its own');
    return {
      externalAccountId: primary,
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken,
      tokenExpiresAt: grant.expiresAt,
      tokenIssuedAt: grant.issuedAt,
      selfAddresses: addresses,
    };
  }

  /** The account's addresses, normalized, primary first, without duplicates. */
  private async ownAddresses(auth: Auth.OAuth2Client): Promise<string[]> {
    const options = { auth, rootUrl: this.settings.apiUrl, retry: false };
    const raw: Array<string | null | undefined> = [];
    if (this.provider === 'gmail') {
      const gmail = google.gmail({ version: 'v1', ...options });
      raw.push((await gmail.users.getProfile({ userId: 'me' })).data.emailAddress);
      const { data } = await gmail.users.settings.sendAs.list({ userId: 'me' });
      // An alias still pending verification is not (yet) provably the user's.
      for (const alias of data.sendAs ?? []) if (alias.isPrimary || alias.verificationStatus === 'accepted') raw.push(alias.sendAsEmail);
    } else {
      raw.push((await google.calendar({ version: 'v3', ...options }).calendars.get({ calendarId: 'primary' })).data.id);
    }
    return [...new Set(raw.map((address) => normalizeEmail(address)).filter((address): address is string => address !== null))];
  }
}
