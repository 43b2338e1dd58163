import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { IntegrationProvider, IntegrationStatus, SyncStage } from './crm-enums';

/** Counts of one sync run; PII-free by construction. */
export interface SyncRunCounts {
  fetched: number;
  created: number;
  updated: number;
  deleted: number;
  dealsFetched: number;
  durationMs: number;
}

/**
 * One user's connection to one provider account. The id is generated in code (randomUUID) before
 * the row is written so that encrypted token envelopes can bind their AAD to it.
 */
@Entity({ name: 'integrations' })
@Unique('integrations_user_provider_account_key', ['userId', 'provider', 'externalAccountId'])
@Check('integrations_provider_check', `provider IN ('hubspot', 'salesforce', 'slack', 'gmail', 'calendar')`)
@Check('integrations_status_check', `status IN ('connected', 'reauth_required', 'revoked', 'disconnected')`)
@Check(
  'integrations_sync_stage_check',
  `sync_stage IN ('full_pending', 'full_running', 'incremental_pending', 'incremental_running', 'failed')`,
)
export class IntegrationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'user_id' })
  userId!: string;

  @Column('text')
  provider!: IntegrationProvider;

  @Column('text')
  status!: IntegrationStatus;

  /** Secret envelope (`enc:v1:...`) from @sentinel/crypto; never plaintext in new rows. */
  @Column('text', { name: 'access_token', nullable: true })
  accessToken!: string | null;

  @Column('text', { name: 'refresh_token', nullable: true })
  refreshToken!: string | null;

  @Column('timestamptz', { name: 'token_expires_at', nullable: true })
  tokenExpiresAt!: Date | null;

  @Column('timestamptz', { name: 'token_issued_at', nullable: true })
  tokenIssuedAt!: Date | null;

  @Column('text', { name: 'instance_url', nullable: true })
  instanceUrl!: string | null;

  @Column('text', { name: 'external_account_id' })
  externalAccountId!: string;

  /** The user's own addresses on this account (normalized), for self-exclusion; recorded at connect. */
  @Column('text', { name: 'self_addresses', array: true, default: () => `'{}'` })
  selfAddresses!: string[];

  @Column('text', { name: 'sync_stage' })
  syncStage!: SyncStage;

  /** Provider-neutral progress (see SyncCursor in crm-sync); written only in a page's commit. */
  @Column('jsonb', { name: 'sync_cursor', nullable: true })
  syncCursor!: Record<string, unknown> | null;

  @Column('timestamptz', { name: 'last_synced_at', nullable: true })
  lastSyncedAt!: Date | null;

  @Column('text', { name: 'last_error_code', nullable: true })
  lastErrorCode!: string | null;

  @Column('jsonb', { name: 'last_run_counts', nullable: true })
  lastRunCounts!: SyncRunCounts | null;

  /** Holder of the sync lease: at most one run per integration, fenced on every page commit. */
  @Column('uuid', { name: 'sync_lease_token', nullable: true })
  syncLeaseToken!: string | null;

  @Column('timestamptz', { name: 'sync_lease_expires_at', nullable: true })
  syncLeaseExpiresAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
