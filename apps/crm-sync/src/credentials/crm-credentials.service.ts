import { Inject, Injectable } from '@nestjs/common';
import { IntegrationEntity, IntegrationRepository, type CrmProvider } from '@sentinel/persistence';
import {
  accessTokenNeedsRefresh,
  HubSpotTokenClient,
  ProviderCallExecutor,
  ProviderError,
  ProviderErrorCode,
  SalesforceTokenClient,
  type TokenGrant,
} from '@sentinel/providers';
import { CrmCredentialsError, CrmCredentialsErrorCode } from './crm-credentials.error';
import { CRM_CREDENTIALS_SETTINGS, type CrmCredentialsSettings } from './crm-credentials.settings';
import { IntegrationTokenVault } from './integration-token.vault';
import { TokenRefreshLock } from './token-refresh.lock';
import type { EntityManager } from 'typeorm';

export interface ProviderAccess {
  accessToken: string;
  instanceUrl: string | null;
}

/**
 * A usable access token for an integration: the stored one while its provider's expiry model says
 * it is fresh (see accessTokenRefreshAt), otherwise a refreshed one, stored encrypted before use.
 * A refresh is single-flight per integration (TokenRefreshLock): of many concurrent callers one
 * calls the token endpoint; the others wait for the lock, re-read the row and use its new token.
 */
@Injectable()
export class CrmCredentialsService {
  constructor(
    private readonly vault: IntegrationTokenVault,
    private readonly integrations: IntegrationRepository,
    private readonly executor: ProviderCallExecutor,
    @Inject(CRM_CREDENTIALS_SETTINGS) private readonly settings: CrmCredentialsSettings,
    private readonly lock: TokenRefreshLock,
  ) {}

  /** `forceRefresh`: the provider rejected a token our model thought fresh (a Salesforce session can end early). */
  async access(integration: IntegrationEntity, provider: CrmProvider, options: { forceRefresh?: boolean } = {}): Promise<ProviderAccess> {
    const stored = this.vault.read(integration, 'access_token');
    if (stored !== null && !options.forceRefresh && !accessTokenNeedsRefresh(provider, integration, new Date())) {
      return { accessToken: stored, instanceUrl: integration.instanceUrl };
    }
    return this.lock.run(integration.id, provider, async (manager) => {
      // Under the lock: another caller may have refreshed since `integration` was loaded.
      const current = await manager.findOneBy(IntegrationEntity, { id: integration.id });
      if (!current) throw new ProviderError(ProviderErrorCode.AuthLost, provider, 'integration no longer exists');
      adopt(integration, current);
      const latest = this.vault.read(integration, 'access_token');
      const refreshedMeanwhile = latest !== null && latest !== stored;
      if (latest !== null && (options.forceRefresh ? refreshedMeanwhile : true) && !accessTokenNeedsRefresh(provider, integration, new Date())) {
        return { accessToken: latest, instanceUrl: integration.instanceUrl };
      }
      const refreshToken = this.vault.read(integration, 'refresh_token');
      if (refreshToken === null) throw new ProviderError(ProviderErrorCode.AuthLost, provider, 'no refresh token stored');
      const grant = await this.refresh(provider, refreshToken);
      await this.store(integration, grant, manager);
      return { accessToken: grant.accessToken, instanceUrl: integration.instanceUrl };
    });
  }

  private refresh(provider: CrmProvider, refreshToken: string): Promise<TokenGrant> {
    const { oauthApp } = this.settings[provider];
    if (!oauthApp) throw new CrmCredentialsError(CrmCredentialsErrorCode.OAuthAppMissing, `${provider} OAuth app is not configured`);
    return provider === 'hubspot'
      ? new HubSpotTokenClient(oauthApp, this.executor, this.settings.hubspot.apiUrl).refresh(refreshToken)
      : new SalesforceTokenClient(oauthApp, this.executor, this.settings.salesforce.loginUrl).refresh(refreshToken);
  }

  /** Persists the grant encrypted and keeps the in-memory row in step with it. */
  private async store(integration: IntegrationEntity, grant: TokenGrant, manager: EntityManager): Promise<void> {
    const accessToken = this.vault.seal(integration.id, 'access_token', grant.accessToken);
    const refreshToken = grant.refreshToken === null ? null : this.vault.seal(integration.id, 'refresh_token', grant.refreshToken);
    await this.integrations.saveTokens(integration.id, {
      accessToken,
      refreshToken,
      tokenExpiresAt: grant.expiresAt,
      tokenIssuedAt: grant.issuedAt,
      instanceUrl: grant.instanceUrl,
    }, manager);
    integration.accessToken = accessToken;
    integration.refreshToken = refreshToken ?? integration.refreshToken;
    integration.tokenExpiresAt = grant.expiresAt;
    integration.tokenIssuedAt = grant.issuedAt;
    integration.instanceUrl = grant.instanceUrl ?? integration.instanceUrl;
  }
}

/** Copies the stored credential columns of a freshly read row onto the caller's entity. */
function adopt(target: IntegrationEntity, source: IntegrationEntity): void {
  target.accessToken = source.accessToken;
  target.refreshToken = source.refreshToken;
  target.tokenExpiresAt = source.tokenExpiresAt;
  target.tokenIssuedAt = source.tokenIssuedAt;
  target.instanceUrl = source.instanceUrl;
}
