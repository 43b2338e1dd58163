import { IsIn, IsInt, IsUUID, Min } from 'class-validator';

/** Routing-key suffix of the event crm-sync publishes after each sync run. */
export const CONTACTS_SYNCED_EVENT = 'contacts.synced';

/**
 * Consumer-side contract of `contacts.synced` (crm-sync's SyncEventsPublisher is the producer):
 * which integration finished a run, and counts only - never an address or a name.
 */
export class ContactsSyncedData {
  @IsUUID()
  integration_id!: string;

  @IsIn(['hubspot', 'salesforce'])
  provider!: 'hubspot' | 'salesforce';

  @IsIn(['full', 'incremental'])
  phase!: 'full' | 'incremental';

  @IsInt()
  @Min(0)
  fetched!: number;

  @IsInt()
  @Min(0)
  created!: number;

  @IsInt()
  @Min(0)
  updated!: number;

  @IsInt()
  @Min(0)
  deleted!: number;

  @IsInt()
  @Min(0)
  deals_fetched!: number;

  @IsInt()
  @Min(0)
  duration_ms!: number;
}
