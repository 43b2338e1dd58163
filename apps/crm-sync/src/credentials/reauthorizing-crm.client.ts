import type { CrmProvider } from '@sentinel/persistence';
import { ProviderError, ProviderErrorCode, type ContactPageRequest, type CrmClient, type CrmContactRecord, type CrmDealRecord, type CrmPage } from '@sentinel/providers';

/**
 * Retries a call once with a freshly refreshed token when the provider rejects the current one
 * (a Salesforce org may end sessions before our fixed window). A second rejection stands: the
 * grant itself is gone and the user must reconnect.
 */
export class ReauthorizingCrmClient implements CrmClient {
  private reauthorized = false;
  /** Present when the wrapped client reads leads (Salesforce). */
  readonly fetchLeads?: (request: ContactPageRequest) => Promise<CrmPage<CrmContactRecord>>;

  constructor(
    readonly provider: CrmProvider,
    private inner: CrmClient,
    private readonly reconnect: () => Promise<CrmClient>,
  ) {
    if (inner.fetchLeads) this.fetchLeads = (request) => this.call((client) => leadsOf(client)(request));
  }

  fetchContacts(request: ContactPageRequest): Promise<CrmPage<CrmContactRecord>> {
    return this.call((client) => client.fetchContacts(request));
  }

  fetchDeals(continuation: string | null): Promise<CrmPage<CrmDealRecord>> {
    return this.call((client) => client.fetchDeals(continuation));
  }

  private async call<T>(operation: (client: CrmClient) => Promise<T>): Promise<T> {
    try {
      return await operation(this.inner);
    } catch (error) {
      const rejected = error instanceof ProviderError && error.code === ProviderErrorCode.AuthLost;
      if (!rejected || this.reauthorized) throw error;
      this.reauthorized = true;
      this.inner = await this.reconnect();
      return operation(this.inner);
    }
  }
}

function leadsOf(client: CrmClient): NonNullable<CrmClient['fetchLeads']> {
  if (!client.fetchLeads) throw new ProviderError(ProviderErrorCode.Unavailable, client.provider, 'the reconnected client reads no leads');
  return client.fetchLeads.bind(client);
}
