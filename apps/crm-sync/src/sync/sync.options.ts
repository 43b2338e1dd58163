export const SYNC_OPTIONS = Symbol('SYNC_OPTIONS');

export interface SyncOptions {
  /** How long a run may go without committing a page before another run may take over. */
  leaseTtlMs: number;
  /** Overlap subtracted from a pass's start for the next incremental bound (provider clock skew). */
  modifiedSinceMarginMs: number;
  /** SALESFORCE_SYNC_LEADS: Salesforce syncs also read unconverted Leads into the contact book (absent: off). */
  salesforceLeads?: boolean;
}

export const DEFAULT_SYNC_OPTIONS: SyncOptions = {
  leaseTtlMs: 10 * 60_000,
  modifiedSinceMarginMs: 5 * 60_000,
  salesforceLeads: false,
};

export const SYNC_SCHEDULE = Symbol('SYNC_SCHEDULE');

export interface SyncSchedule {
  /** Seconds between scheduler ticks, and the age at which an integration is synced again; 0 = off. */
  intervalSeconds: number;
  /** Integrations started per tick (one after the other: a tick never floods a provider). */
  batchSize: number;
}
