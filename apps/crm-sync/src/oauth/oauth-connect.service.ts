import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditTrail } from '@sentinel/audit';
import { createPkcePair } from '@sentinel/crypto';
import type { CrmProvider } from '@sentinel/persistence';
import { beginOAuthFlow, callbackQueryFrom, finishOAuthFlow, type CookieWriter } from '@sentinel/platform';
import type { AuthorizationGrant } from '@sentinel/providers';
import { randomUUID } from 'node:crypto';
import { CRM_CREDENTIALS_SETTINGS, type CrmCredentialsSettings } from '../credentials/crm-credentials.settings';
import { IntegrationTokenVault } from '../credentials/integration-token.vault';
import { CrmSyncHttpError, CrmSyncHttpErrorCode } from '../errors/crm-sync-http.error';
import { IntegrationAdminRepository } from '../integrations/integration-admin.repository';
import { toIntegrationView, type IntegrationView } from '../integrations/integration.view';
import { SyncTriggerService } from '../sync/sync-trigger.service';
import { OAuthCodeExchange } from './oauth-code-exchange';
import { callbackUri, OAUTH_SETTINGS, type OAuthSettings } from './oauth.settings';

/**
 * HubSpot: read-only CRM scopes. Salesforce has no read-only scope: `api` is the narrowest one
 * that reads records, and Sentinel only ever issues SOQL queries with it (no write call exists in
 * our client). `refresh_token` lets the sync run without the user present.
 */
const SCOPES: Record<CrmProvider, string> = {
  hubspot: 'crm.objects.contacts.read crm.objects.deals.read',
  salesforce: 'api refresh_token',
};

export interface ConnectStart {
  authorize_url: string;
}

interface Configured {
  stateSecret: string;
  redirectUri: string;
  clientId: string;
}

/**
 * The OAuth connect flow. Stateless: the signed, HttpOnly state cookie carries user, provider,
 * nonce, expiry and (Salesforce) the PKCE verifier; the `state` parameter carries the nonce.
 */
@Injectable()
export class OAuthConnectService {
  private readonly logger = new Logger(OAuthConnectService.name);

  constructor(
    @Inject(OAUTH_SETTINGS) private readonly settings: OAuthSettings,
    @Inject(CRM_CREDENTIALS_SETTINGS) private readonly credentials: CrmCredentialsSettings,
    private readonly exchange: OAuthCodeExchange,
    private readonly vault: IntegrationTokenVault,
    private readonly integrations: IntegrationAdminRepository,
    private readonly syncs: SyncTriggerService,
    private readonly audit: AuditTrail,
  ) {}

  start(userId: string, provider: CrmProvider, response: CookieWriter): ConnectStart {
    const { stateSecret, redirectUri, clientId } = this.configured(provider);
    const pkce = provider === 'salesforce' ? createPkcePair() : undefined;
    const stateParam = beginOAuthFlow(
      response,
      { userId, provider, ...(pkce && { codeVerifier: pkce.codeVerifier }) },
      { secret: stateSecret, ttlSeconds: this.settings.stateTtlSeconds, cookieSecure: this.settings.cookieSecure },
    );

    const url = new URL(this.settings.authorizeUrl[provider]);
    if (provider === 'salesforce') url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', clientId);
    url.searchParams.set('redirect_uri', redirectUri);
    url.searchParams.set('scope', SCOPES[provider]);
    url.searchParams.set('state', stateParam);
    if (pkce) {
      url.searchParams.set('code_challenge', pkce.codeChallenge);
      url.searchParams.set('code_challenge_method', pkce.codeChallengeMethod);
    }
    return { authorize_url: url.toString() };
  }

  /**
   * The provider's redirect back. The state is checked before anything else and nothing is stored
   * unless it passes; the cookie is cleared whatever happens (a flow is single-use).
   */
  async complete(provider: CrmProvider, rawQuery: Record<string, unknown>, cookie: string | undefined, response: CookieWriter): Promise<IntegrationView> {
    const query = callbackQueryFrom(rawQuery);
    const { stateSecret, redirectUri } = this.configured(provider);
    const flow = finishOAuthFlow(response, cookie, query.state, provider, { secret: stateSecret, cookieSecure: this.settings.cookieSecure });
    if (query.error || !query.code) throw new CrmSyncHttpError(CrmSyncHttpErrorCode.OAuthDenied, 'the provider did not grant access');

    const grant = await this.exchange.exchange(provider, query.code, redirectUri, flow.codeVerifier);
    const id = await this.store(flow.userId, provider, grant);
    this.logger.log({ msg: 'integration connected', integrationId: id, provider });
    // The browser carries no bearer token here: the actor is the user the verified state names.
    await this.audit.record({ event: 'integration.connected', actor: { userId: flow.userId }, subject: { type: 'integration', id }, properties: { provider } });
    this.syncs.start(id);
    const stored = await this.integrations.findOwned(flow.userId, id);
    if (!stored) throw new CrmSyncHttpError(CrmSyncHttpErrorCode.IntegrationNotFound, 'integration not found');
    return toIntegrationView(stored);
  }

  private async store(userId: string, provider: CrmProvider, grant: AuthorizationGrant): Promise<string> {
    // The id exists before the row so the token envelopes can bind their AAD to it.
    const id = (await this.integrations.findIdByAccount(userId, provider, grant.externalAccountId)) ?? randomUUID();
    await this.integrations.saveConnection({
      id,
      userId,
      provider,
      externalAccountId: grant.externalAccountId,
      accessToken: this.vault.seal(id, 'access_token', grant.accessToken),
      refreshToken: grant.refreshToken === null ? null : this.vault.seal(id, 'refresh_token', grant.refreshToken),
      // HubSpot: now + expires_in. Salesforce sends no expiry: issued_at plus the fixed window of
      // accessTokenRefreshAt decides, so token_expires_at stays null.
      tokenExpiresAt: grant.expiresAt,
      tokenIssuedAt: grant.issuedAt,
      instanceUrl: grant.instanceUrl,
    });
    return id;
  }

  /** Everything a flow needs, or 503: a flow that could not finish is never started. */
  private configured(provider: CrmProvider): Configured {
    const { stateSecret, callbackOrigin } = this.settings;
    const app = this.credentials[provider].oauthApp;
    if (!stateSecret || !callbackOrigin || !app || !this.credentials.cipher) {
      throw new CrmSyncHttpError(CrmSyncHttpErrorCode.OAuthNotConfigured, `connecting ${provider} is not configured on this deployment`);
    }
    return { stateSecret, redirectUri: callbackUri(callbackOrigin, provider), clientId: app.clientId };
  }
}
