import { Client } from '@hubspot/api-client';
import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/contacts';
import type { ContactPageRequest, CrmClient, CrmContactRecord, CrmDealRecord, CrmPage } from '../crm/crm-records';
import { ProviderError, ProviderErrorCode } from '../errors/provider.error';
import type { ProviderCallExecutor } from '../resilience/provider-call.executor';
import { toHubSpotError } from './hubspot-error.mapper';
import { HUBSPOT_CONTACT_PROPERTIES, HUBSPOT_DEAL_PROPERTIES, toContactRecord, toDealRecord, type HubSpotObject } from './hubspot-record.mapper';

export const HUBSPOT_DEFAULT_BASE_PATH = 'https://api.hubapi.com';
const PAGE_SIZE = 100;
// The search API refuses to page past 10,000 results; the query restarts from the last timestamp.
const SEARCH_RESULT_LIMIT = 10_000;

export interface HubSpotClientSettings {
  accessToken: string;
  basePath?: string;
}

/** Incremental continuation: first the search for modified contacts, then the archived listing. */
interface IncrementalContinuation {
  phase: 'search' | 'archived';
  sinceMs: number;
  after?: string;
}

interface HubSpotListPage {
  results: HubSpotObject[];
  paging?: { next?: { after: string } };
}

/**
 * Read-only HubSpot CRM v3 driver on @hubspot/api-client. The library's own retries and limiter are
 * off: every call goes through the executor (retry with jitter + per-provider breaker).
 */
export class HubSpotCrmClient implements CrmClient {
  readonly provider = 'hubspot' as const;
  private readonly client: Client;

  constructor(settings: HubSpotClientSettings, private readonly executor: ProviderCallExecutor) {
    this.client = new Client({
      accessToken: settings.accessToken,
      basePath: settings.basePath ?? HUBSPOT_DEFAULT_BASE_PATH,
      numberOfApiCallRetries: 0,
    });
  }

  async fetchContacts(request: ContactPageRequest): Promise<CrmPage<CrmContactRecord>> {
    if (request.modifiedSince === null) {
      const page = await this.call(() =>
        this.client.crm.contacts.basicApi.getPage(PAGE_SIZE, request.continuation ?? undefined, HUBSPOT_CONTACT_PROPERTIES, undefined, undefined, false),
      );
      return { records: page.results.map(toContactRecord), next: page.paging?.next?.after ?? null };
    }
    const state = parseContinuation(request.continuation) ?? { phase: 'search', sinceMs: request.modifiedSince.getTime() };
    return state.phase === 'search' ? this.searchModified(state) : this.listArchived(state);
  }

  async fetchDeals(continuation: string | null): Promise<CrmPage<CrmDealRecord>> {
    const page = await this.call(() =>
      this.client.crm.deals.basicApi.getPage(PAGE_SIZE, continuation ?? undefined, HUBSPOT_DEAL_PROPERTIES, undefined, ['contacts'], false),
    );
    return { records: page.results.map(toDealRecord), next: page.paging?.next?.after ?? null };
  }

  private async searchModified(state: IncrementalContinuation): Promise<CrmPage<CrmContactRecord>> {
    const page = await this.call(() =>
      this.client.crm.contacts.searchApi.doSearch({
        filterGroups: [{ filters: [{ propertyName: 'lastmodifieddate', operator: FilterOperatorEnum.Gte, value: String(state.sinceMs) }] }],
        sorts: ['lastmodifieddate'],
        properties: HUBSPOT_CONTACT_PROPERTIES,
        limit: PAGE_SIZE,
        after: state.after,
      }),
    );
    const records = page.results.map(toContactRecord);
    const after = page.paging?.next?.after;
    let next: IncrementalContinuation;
    if (after === undefined) next = { phase: 'archived', sinceMs: state.sinceMs };
    else if (Number(after) < SEARCH_RESULT_LIMIT) next = { ...state, after };
    else next = { phase: 'search', sinceMs: lastModifiedMs(records) ?? state.sinceMs };
    return { records, next: JSON.stringify(next) };
  }

  /** Archived contacts never appear in search; their listing is the incremental deletion feed. */
  private async listArchived(state: IncrementalContinuation): Promise<CrmPage<CrmContactRecord>> {
    const page = await this.call(() =>
      this.client.crm.contacts.basicApi.getPage(PAGE_SIZE, state.after, HUBSPOT_CONTACT_PROPERTIES, undefined, undefined, true),
    );
    const after = page.paging?.next?.after;
    return {
      records: page.results.map(toContactRecord).filter((record) => (record.updatedAt?.getTime() ?? Infinity) >= state.sinceMs),
      next: after === undefined ? null : JSON.stringify({ ...state, after }),
    };
  }

  private async call<T extends HubSpotListPage>(operation: () => Promise<T>): Promise<T> {
    return this.executor.execute('hubspot', async () => {
      try {
        return await operation();
      } catch (error) {
        throw toHubSpotError(error);
      }
    });
  }
}

/** A continuation this driver cannot read is a bug (or a manual edit), never a reason to resync silently. */
function parseContinuation(value: string | null): IncrementalContinuation | null {
  if (value === null) return null;
  let parsed: Partial<IncrementalContinuation> | null = null;
  try {
    parsed = JSON.parse(value) as Partial<IncrementalContinuation>;
  } catch {
    parsed = null;
  }
  if ((parsed?.phase === 'search' || parsed?.phase === 'archived') && typeof parsed.sinceMs === 'number') {
    return { phase: parsed.phase, sinceMs: parsed.sinceMs, after: typeof parsed.after === 'string' ? parsed.after : undefined };
  }
  throw new ProviderError(ProviderErrorCode.BadResponse, 'hubspot', 'unreadable incremental continuation');
}

function lastModifiedMs(records: CrmContactRecord[]): number | undefined {
  const last = records[records.length - 1]?.updatedAt;
  return last ? last.getTime() : undefined;
}
