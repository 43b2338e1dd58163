import { Inject, Injectable } from '@nestjs/common';
import type { CrmProvider, IntegrationEntity } from '@sentinel/persistence';
import { HubSpotCrmClient, ProviderCallExecutor, ProviderError, ProviderErrorCode, SalesforceCrmClient, type CrmClient } from '@sentinel/providers';
import { CRM_CREDENTIALS_SETTINGS, type CrmCredentialsSettings } from './crm-credentials.settings';
import { CrmCredentialsService, type ProviderAccess } from './crm-credentials.service';
import { ReauthorizingCrmClient } from './reauthorizing-crm.client';

export const CRM_CLIENT_FACTORY = Symbol('CRM_CLIENT_FACTORY');

/** Builds the read-only client for an integration the caller holds the sync lease of. */
export interface CrmClientFactory {
  forIntegration(integration: IntegrationEntity, provider: CrmProvider): Promise<CrmClient>;
}

/** Credentials resolved (and refreshed) through CrmCredentialsService; every call through the shared executor. */
@Injectable()
export class ProviderCrmClientFactory implements CrmClientFactory {
  constructor(
    private readonly credentials: CrmCredentialsService,
    private readonly executor: ProviderCallExecutor,
    @Inject(CRM_CREDENTIALS_SETTINGS) private readonly settings: CrmCredentialsSettings,
  ) {}

  async forIntegration(integration: IntegrationEntity, provider: CrmProvider): Promise<CrmClient> {
    const build = (access: ProviderAccess) => this.build(provider, access);
    const first = build(await this.credentials.access(integration, provider));
    return new ReauthorizingCrmClient(provider, first, async () => build(await this.credentials.access(integration, provider, { forceRefresh: true })));
  }

  private build(provider: CrmProvider, access: ProviderAccess): CrmClient {
    if (provider === 'hubspot') return new HubSpotCrmClient({ accessToken: access.accessToken, basePath: this.settings.hubspot.apiUrl }, this.executor);
    if (!access.instanceUrl) throw new ProviderError(ProviderErrorCode.AuthLost, 'salesforce', 'no instance URL stored');
    return new SalesforceCrmClient({ instanceUrl: access.instanceUrl, accessToken: access.accessToken }, this.executor);
  }
}
