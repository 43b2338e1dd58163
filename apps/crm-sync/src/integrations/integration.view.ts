import type { CrmProvider, IntegrationStatus, SyncRunCounts, SyncStage } from '@sentinel/persistence';
import type { IntegrationRecord } from './integration-admin.repository';

/** An integration in API responses: state and counts, never a token or secret. */
export interface IntegrationView {
  id: string;
  provider: CrmProvider;
  status: IntegrationStatus;
  stage: SyncStage;
  syncing: boolean;
  external_account_id: string;
  last_synced_at: string | null;
  last_error_code: string | null;
  last_run: SyncRunCounts | null;
  created_at: string;
}

export function toIntegrationView(record: IntegrationRecord): IntegrationView {
  return {
    id: record.id,
    provider: record.provider,
    status: record.status,
    stage: record.syncStage,
    syncing: record.syncing,
    external_account_id: record.externalAccountId,
    last_synced_at: record.lastSyncedAt?.toISOString() ?? null,
    last_error_code: record.lastErrorCode,
    last_run: record.lastRunCounts,
    created_at: record.createdAt.toISOString(),
  };
}
