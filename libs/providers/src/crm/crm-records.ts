import type { CrmProvider } from '@sentinel/persistence';

/** A contact as every driver hands it over: emails already normalized, no provider shapes. */
export interface CrmContactRecord {
  externalId: string;
  email: string | null;
  /** Normalized, deduplicated, without the primary address. */
  additionalEmails: string[];
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  /** Archived (HubSpot) or IsDeleted (Salesforce). */
  deleted: boolean;
  updatedAt: Date | null;
}

export interface CrmDealRecord {
  externalId: string;
  name: string | null;
  stage: string | null;
  /** Decimal string, exactly as the provider sent it. */
  amount: string | null;
  /** `YYYY-MM-DD`. */
  closeDate: string | null;
  ownerExternalId: string | null;
  contactExternalIds: string[];
  deleted: boolean;
  updatedAt: Date | null;
}

export interface CrmPage<T> {
  records: T[];
  /** Opaque continuation for the next page; null on the last page. */
  next: string | null;
}

export interface ContactPageRequest {
  /** Null for a full listing; otherwise only contacts modified at or after this instant (and deletions). */
  modifiedSince: Date | null;
  continuation: string | null;
}

/**
 * Read-only access to one connected CRM account. Deals are always listed in full: association
 * changes (a contact role added to an opportunity) do not move a deal's modification time.
 */
export interface CrmClient {
  readonly provider: CrmProvider;
  fetchContacts(request: ContactPageRequest): Promise<CrmPage<CrmContactRecord>>;
  fetchDeals(continuation: string | null): Promise<CrmPage<CrmDealRecord>>;
  /**
   * Salesforce only: unconverted Leads as further contact-book entries (a converted lead comes back
   * deleted; its Contact arrives through fetchContacts). Same paging and bounds as fetchContacts.
   */
  fetchLeads?(request: ContactPageRequest): Promise<CrmPage<CrmContactRecord>>;
}
