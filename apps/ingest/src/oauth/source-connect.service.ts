import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditTrail } from '@sentinel/audit';
import { integrationTokenContext, type SecretEnvelopeCipher } from '@sentinel/crypto';
import { beginOAuthFlow, callbackQueryFrom, finishOAuthFlow, type CookieWriter } from '@sentinel/platform';
import type { OAuthClientCredentials } from '@sentinel/providers';
import { randomUUID } from 'node:crypto';
import { INTEGRATION_TOKEN_CIPHER } from '../slack/integration-token.reader';
import { GoogleSourcePoller } from '../sources/google-source.poller';
import { GoogleConnector } from './google.connector';
import { SlackConnector } from './slack.connector';
import { SourceConnectError, SourceConnectErrorCode } from './source-connect.error';
import { SourceConnectionRepository } from './source-connection.repository';
import type { SourceConnector } from './source-connector';
import { sourceCallbackUri, SOURCE_OAUTH_SETTINGS, type SourceOAuthSettings } from './source-oauth.settings';
import type { SourceProvider } from './source-provider.param';

export interface ConnectedSource {
  id: string;
  provider: SourceProvider;
  status: 'connected';
}

interface Configured {
  stateSecret: string;
  redirectUri: string;
  app: OAuthClientCredentials;
  cipher: SecretEnvelopeCipher;
}

/**
 * The connect flows of Gmail, Calendar and Slack. Stateless: the signed, HttpOnly state cookie
 * carries user, provider, nonce and expiry; the `state` parameter carries the nonce. Tokens are
 * sealed for their row before they are written; the user's own addresses are recorded with them.
 */
@Injectable()
export class SourceConnectService {
  private readonly logger = new Logger(SourceConnectService.name);
  private readonly connectors: Record<SourceProvider, SourceConnector>;

  constructor(
    @Inject(SOURCE_OAUTH_SETTINGS) private readonly settings: SourceOAuthSettings,
    @Inject(INTEGRATION_TOKEN_CIPHER) private readonly cipher: SecretEnvelopeCipher | null,
    private readonly connections: SourceConnectionRepository,
    private readonly poller: GoogleSourcePoller,
    private readonly audit: AuditTrail,
  ) {
    this.connectors = {
      gmail: new GoogleConnector('gmail', settings.google),
      calendar: new GoogleConnector('calendar', settings.google),
      slack: new SlackConnector(settings.slack.authorizeUrl, settings.slack),
    };
  }

  /** The provider's authorize URL; the signed state cookie is set on `response`. */
  start(userId: string, provider: SourceProvider, response: CookieWriter): string {
    const { stateSecret, redirectUri, app } = this.configured(provider);
    const state = beginOAuthFlow(response, { userId, provider }, { secret: stateSecret, ttlSeconds: this.settings.stateTtlSeconds, cookieSecure: this.settings.cookieSecure });
    return this.connectors[provider].authorizeUrl(app, redirectUri, state);
  }

  /** The provider's redirect back: nothing is exchanged or stored unless the signed state passes. */
  async complete(provider: SourceProvider, rawQuery: Record<string, unknown>, cookie: string | undefined, response: CookieWriter): Promise<ConnectedSource> {
    const query = callbackQueryFrom(rawQuery);
    const { stateSecret, redirectUri, app, cipher } = this.configured(provider);
    const flow = finishOAuthFlow(response, cookie, query.state, provider, { secret: stateSecret, cookieSecure: this.settings.cookieSecure });
    if (query.error || !query.code) throw new SourceConnectError(SourceConnectErrorCode.Denied, 'the provider did not grant access');

    const connection = await this.connectors[provider].connect(app, query.code, redirectUri);
    // The id exists before the row so the token envelopes can bind their AAD to it.
    const id = (await this.connections.findId(flow.userId, provider, connection.externalAccountId)) ?? randomUUID();
    await this.connections.save({
      ...connection,
      id,
      userId: flow.userId,
      provider,
      accessToken: cipher.encrypt(connection.accessToken, integrationTokenContext(id, 'access_token')),
      refreshToken: connection.refreshToken === null ? null : cipher.encrypt(connection.refreshToken, integrationTokenContext(id, 'refresh_token')),
    });
    this.logger.log({ msg: 'integration connected', integrationId: id, provider, selfAddresses: connection.selfAddresses.length });
    // The browser carries no bearer token here: the actor is the user the verified state names.
    await this.audit.record({ event: 'integration.connected', actor: { userId: flow.userId }, subject: { type: 'integration', id }, properties: { provider } });
    // The first sync starts now rather than at the next poll; Slack's items arrive as events.
    if (provider !== 'slack') void this.poller.pollAll();
    return { id, provider, status: 'connected' };
  }

  /** Everything a flow needs, or 503: a flow that could not finish is never started. */
  private configured(provider: SourceProvider): Configured {
    const { stateSecret, callbackOrigin } = this.settings;
    const app = provider === 'slack' ? this.settings.slack.app : this.settings.google.app;
    if (!stateSecret || !callbackOrigin || !app || !this.cipher) {
      throw new SourceConnectError(SourceConnectErrorCode.NotConfigured, `connecting ${provider} is not configured on this deployment`);
    }
    return { stateSecret, redirectUri: sourceCallbackUri(callbackOrigin, provider), app, cipher: this.cipher };
  }
}
