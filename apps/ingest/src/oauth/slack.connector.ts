import { ErrorCode } from '@slack/web-api';
import { normalizeEmail, type OAuthClientCredentials } from '@sentinel/providers';
import { createSlackWebClient, type SlackWebClientSettings } from '../slack/slack-web-client.factory';
import { assertScopesGranted, connectFailure } from './connect-failure';
import { SourceConnectError, SourceConnectErrorCode } from './source-connect.error';
import type { SourceConnection, SourceConnector } from './source-connector';

/**
 * Read-only bot scopes: message history of the conversations the bot is in, their members, and
 * the directory (id -> email) the gate resolves participants with. Nothing that posts or changes.
 */
export const SLACK_BOT_SCOPES = [
  'channels:history',
  'groups:history',
  'im:history',
  'mpim:history',
  'channels:read',
  'groups:read',
  'users:read',
  'users:read.email',
] as const;

/** Slack's platform errors that mean "try later"; any other (`invalid_code`, `bad_redirect_uri`, ...) refuses the flow. */
const TRANSIENT = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/**
 * Slack's half of the connect flow (OAuth v2): the bot token from `oauth.v2.access`, and the
 * installing user's email (`users.info` with that token) recorded as theirs for self-exclusion.
 * The account is `<team id>:<user id>`, the form the gate reads Slack self ids from.
 */
export class SlackConnector implements SourceConnector {
  readonly scopes: readonly string[] = SLACK_BOT_SCOPES;

  constructor(
    private readonly authorizeEndpoint: string,
    private readonly client: SlackWebClientSettings,
  ) {}

  authorizeUrl(app: OAuthClientCredentials, redirectUri: string, state: string): string {
    const url = new URL(this.authorizeEndpoint);
    url.searchParams.set('client_id', app.clientId);
    url.searchParams.set('scope', this.scopes.join(','));
    url.searchParams.set('redirect_uri', redirectUri);
    url.searchParams.set('state', state);
    return url.toString();
  }

  async connect(app: OAuthClientCredentials, code: string, redirectUri: string): Promise<SourceConnection> {
    const issuedAt = new Date();
    const access = await createSlackWebClient(undefined, this.client)
      .oauth.v2.access({ client_id: app.clientId, client_secret: app.clientSecret, code, redirect_uri: redirectUri })
      .catch((error: unknown) => {
        throw connectFailure(error, slackRefused(error) ? 400 : undefined);
      });
    const token = access.access_token;
    const teamId = access.team?.id;
    const userId = access.authed_user?.id;
    if (access.token_type !== 'bot' || !token || !teamId || !userId) {
      throw new SourceConnectError(SourceConnectErrorCode.ExchangeFailed, 'Slack answered without a bot token, team or installing user');
    }
    assertScopesGranted(this.scopes, (access.scope ?? '').split(','));
    const user = await createSlackWebClient(token, this.client)
      .users.info({ user: userId })
      .catch((error: unknown) => {
        throw connectFailure(error, slackRefused(error) ? 400 : undefined);
      });
    const email = normalizeEmail(user.user?.profile?.email);
    return {
      externalAccountId: `${teamId}:${userId}`,
      accessToken: token,
      refreshToken: null,
      tokenExpiresAt: null,
      tokenIssuedAt: issuedAt,
      selfAddresses: email ? [email] : [],
    };
  }
}

function slackRefused(error: unknown): boolean {
  const { code, data } = error as { code?: unknown; data?: { error?: unknown } };
  return code === ErrorCode.PlatformError && !TRANSIENT.has(String(data?.error));
}
