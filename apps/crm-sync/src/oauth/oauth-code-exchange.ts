import { Inject, Injectable } from '@nestjs/common';
import type { CrmProvider } from '@sentinel/persistence';
import { HubSpotTokenClient, ProviderCallExecutor, ProviderError, ProviderErrorCode, SalesforceTokenClient, type AuthorizationGrant } from '@sentinel/providers';
import { CRM_CREDENTIALS_SETTINGS, type CrmCredentialsSettings } from '../credentials/crm-credentials.settings';
import { CrmSyncHttpError, CrmSyncHttpErrorCode } from '../errors/crm-sync-http.error';

/** Trades a connect flow's authorization code for its first grant at the provider's token endpoint. */
@Injectable()
export class OAuthCodeExchange {
  constructor(
    private readonly executor: ProviderCallExecutor,
    @Inject(CRM_CREDENTIALS_SETTINGS) private readonly settings: CrmCredentialsSettings,
  ) {}

  async exchange(provider: CrmProvider, code: string, redirectUri: string, codeVerifier: string | undefined): Promise<AuthorizationGrant> {
    const app = this.settings[provider].oauthApp;
    if (!app) throw new CrmSyncHttpError(CrmSyncHttpErrorCode.OAuthNotConfigured, `${provider} OAuth app is not configured`);
    try {
      if (provider === 'hubspot') return await new HubSpotTokenClient(app, this.executor, this.settings.hubspot.apiUrl).exchangeCode(code, redirectUri);
      // Our own flow always signs a verifier for Salesforce; its absence means a cookie we did not write.
      if (!codeVerifier) throw new CrmSyncHttpError(CrmSyncHttpErrorCode.OAuthExchangeFailed, 'the flow carries no PKCE verifier');
      return await new SalesforceTokenClient(app, this.executor, this.settings.salesforce.loginUrl, redirectUri).exchangeCode(code, codeVerifier);
    } catch (error) {
      throw toHttpError(error);
    }
  }
}

function toHttpError(error: unknown): unknown {
  if (!(error instanceof ProviderError)) return error;
  if (error.code === ProviderErrorCode.AuthLost || error.code === ProviderErrorCode.BadResponse || error.code === ProviderErrorCode.PermissionLost) {
    return new CrmSyncHttpError(CrmSyncHttpErrorCode.OAuthExchangeFailed, `${error.provider} refused the authorization code; connect again`);
  }
  return new CrmSyncHttpError(CrmSyncHttpErrorCode.ProviderUnavailable, `${error.provider} could not be reached; connect again later`);
}
