import type { OAuthClientCredentials } from '@sentinel/providers';

/** What a completed connect flow yields, before encryption. */
export interface SourceConnection {
  /** Google: the mailbox address; Slack: `<team id>:<user id>` of the installing user. */
  externalAccountId: string;
  accessToken: string;
  /** Null when the provider issues none (Slack bot tokens do not expire). */
  refreshToken: string | null;
  tokenExpiresAt: Date | null;
  tokenIssuedAt: Date;
  /** The user's own addresses on this account, normalized, for self-exclusion. */
  selfAddresses: string[];
}

/** One provider's half of a connect flow: its authorize URL, and the code exchange that follows. */
export interface SourceConnector {
  /** The read-only scopes requested, as the authorize URL carries them. */
  readonly scopes: readonly string[];
  authorizeUrl(app: OAuthClientCredentials, redirectUri: string, state: string): string;
  connect(app: OAuthClientCredentials, code: string, redirectUri: string): Promise<SourceConnection>;
}
