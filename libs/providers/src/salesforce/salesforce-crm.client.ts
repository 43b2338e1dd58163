import { Connection } from 'jsforce';
import type { ContactPageRequest, CrmClient, CrmContactRecord, CrmDealRecord, CrmPage } from '../crm/crm-records';
import { ProviderError, ProviderErrorCode } from '../errors/provider.error';
import type { ProviderCallExecutor } from '../resilience/provider-call.executor';
import { parseRetryAfter } from '../resilience/retry-after.parser';
import { toSalesforceError } from './salesforce-error.mapper';
import { toContactRecord, toDealRecord, toLeadRecord, type SalesforceContactRow, type SalesforceLeadRow, type SalesforceOpportunityRow } from './salesforce-record.mapper';

export const SALESFORCE_API_VERSION = '59.0';

export interface SalesforceClientSettings {
  instanceUrl: string;
  accessToken: string;
  /** Records per page, 200-2000 (Sforce-Query-Options batchSize). */
  batchSize?: number;
}

interface QueryResult<T> {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: T[];
}

const CONTACT_FIELDS = 'Id, Email, FirstName, LastName, Account.Name, LastModifiedDate, IsDeleted';
const LEAD_FIELDS = 'Id, Email, FirstName, LastName, Company, LastModifiedDate, IsDeleted, IsConverted';
const OPPORTUNITY_QUERY =
  'SELECT Id, Name, StageName, Amount, CloseDate, OwnerId, LastModifiedDate, IsDeleted, ' +
  '(SELECT ContactId FROM OpportunityContactRoles) FROM Opportunity';

/**
 * Read-only Salesforce driver on jsforce. Queries go through `Connection.request` with jsforce's
 * own retry disabled, so the executor alone decides on backoff and the breaker sees every attempt;
 * paging follows `nextRecordsUrl` (the REST form of queryMore). jsforce's errors carry no headers,
 * so the connection's transport is wrapped to keep the last response's Retry-After: a 429/503
 * then waits as long as Salesforce asked (or fails at once when that exceeds the retry budget).
 */
export class SalesforceCrmClient implements CrmClient {
  readonly provider = 'salesforce' as const;
  private readonly connection: Connection;
  private readonly queryOptions: string;
  /** Retry-After of the last response (calls of one client are sequential: one sync run). */
  private lastRetryAfter: string | undefined;

  constructor(settings: SalesforceClientSettings, private readonly executor: ProviderCallExecutor) {
    this.connection = new Connection({ instanceUrl: settings.instanceUrl, accessToken: settings.accessToken, version: SALESFORCE_API_VERSION });
    this.queryOptions = `batchSize=${Math.min(2000, Math.max(200, settings.batchSize ?? 2000))}`;
    this.observeResponseHeaders();
  }

  private observeResponseHeaders(): void {
    const transport = this.connection._transport;
    const httpRequest = transport.httpRequest.bind(transport);
    transport.httpRequest = (request, options) => {
      const pending = httpRequest(request, options);
      pending.then(
        (response) => {
          const header = response.headers['retry-after'];
          this.lastRetryAfter = Array.isArray(header) ? header[0] : header;
        },
        () => undefined,
      );
      return pending;
    };
  }

  async fetchContacts(request: ContactPageRequest): Promise<CrmPage<CrmContactRecord>> {
    const page = await this.page<SalesforceContactRow>(request.continuation, () => {
      if (request.modifiedSince === null) return { endpoint: 'query', soql: `SELECT ${CONTACT_FIELDS} FROM Contact` };
      // queryAll includes deleted rows (IsDeleted = true): the incremental deletion feed.
      const since = soqlDateTime(request.modifiedSince);
      return { endpoint: 'queryAll', soql: `SELECT ${CONTACT_FIELDS} FROM Contact WHERE LastModifiedDate >= ${since} ORDER BY LastModifiedDate` };
    });
    return { records: page.records.map(toContactRecord), next: page.nextRecordsUrl ?? null };
  }

  async fetchLeads(request: ContactPageRequest): Promise<CrmPage<CrmContactRecord>> {
    const page = await this.page<SalesforceLeadRow>(request.continuation, () => {
      if (request.modifiedSince === null) return { endpoint: 'query', soql: `SELECT ${LEAD_FIELDS} FROM Lead WHERE IsConverted = false` };
      // No IsConverted filter here: a conversion moves LastModifiedDate, and the converted lead must
      // arrive (as a deletion) like a recycled one.
      const since = soqlDateTime(request.modifiedSince);
      return { endpoint: 'queryAll', soql: `SELECT ${LEAD_FIELDS} FROM Lead WHERE LastModifiedDate >= ${since} ORDER BY LastModifiedDate` };
    });
    return { records: page.records.map(toLeadRecord), next: page.nextRecordsUrl ?? null };
  }

  async fetchDeals(continuation: string | null): Promise<CrmPage<CrmDealRecord>> {
    const page = await this.page<SalesforceOpportunityRow>(continuation, () => ({ endpoint: 'query', soql: OPPORTUNITY_QUERY }));
    return { records: page.records.map(toDealRecord), next: page.nextRecordsUrl ?? null };
  }

  private page<T>(nextRecordsUrl: string | null, first: () => { endpoint: 'query' | 'queryAll'; soql: string }): Promise<QueryResult<T>> {
    let url = nextRecordsUrl;
    if (url === null) {
      const { endpoint, soql } = first();
      url = `/services/data/v${SALESFORCE_API_VERSION}/${endpoint}?q=${encodeURIComponent(soql)}`;
    }
    const request = { method: 'GET' as const, url, headers: { 'Sforce-Query-Options': this.queryOptions } };
    return this.executor.execute('salesforce', async () => {
      this.lastRetryAfter = undefined;
      try {
        return await this.connection.request<QueryResult<T>>(request, { retry: { maxRetries: 0 } });
      } catch (error) {
        throw withRetryAfter(toSalesforceError(error), this.lastRetryAfter);
      }
    });
  }
}

/** A rate-limit or unavailability answer keeps the wait Salesforce asked for. */
function withRetryAfter(error: ProviderError, header: string | undefined): ProviderError {
  const retryAfterMs = parseRetryAfter(header);
  if (retryAfterMs === undefined || (error.code !== ProviderErrorCode.RateLimited && error.code !== ProviderErrorCode.Unavailable)) return error;
  return new ProviderError(error.code, error.provider, error.message.replace(/^salesforce: /, ''), { ...error.details, retryAfterMs });
}

/** SOQL datetime literal, whole seconds (the bound is inclusive, so flooring never skips a record). */
function soqlDateTime(value: Date): string {
  return `${new Date(Math.floor(value.getTime() / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}
