export enum CrmSyncErrorCode {
  /** Another run took the integration over (our lease expired): stop without touching its state. */
  LeaseLost = 'sync_lease_lost',
  /** The stored cursor cannot be read: a bug or a manual edit, never silently reset. */
  CorruptCursor = 'sync_cursor_corrupt',
  /** Only HubSpot and Salesforce integrations hold a contact book. */
  NotACrm = 'sync_not_a_crm',
  /**
   * A page committed but its contacts.added could not be published within the publisher's deadline:
   * the run stops as temporary. Those ids are not announced again (there is no outbox yet).
   */
  EventPublishFailed = 'sync_event_publish_failed',
}

export class CrmSyncError extends Error {
  override readonly name = 'CrmSyncError';

  constructor(readonly code: CrmSyncErrorCode, message: string) {
    super(message);
  }
}
