import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { IntegrationStatus, SyncStage } from '../entities/crm-enums';
import { IntegrationEntity, type SyncRunCounts } from '../entities/integration.entity';

export interface SyncOutcome {
  stage: SyncStage;
  status?: IntegrationStatus;
  lastErrorCode: string | null;
  lastRunCounts: SyncRunCounts;
  /** Set on a completed run only. */
  lastSyncedAt?: Date;
}

export interface StoredTokens {
  /** Secret envelopes, never plaintext. */
  accessToken: string;
  refreshToken: string | null;
  tokenExpiresAt: Date | null;
  tokenIssuedAt: Date;
  instanceUrl: string | null;
}

/**
 * Queries over integrations, including the sync lease: a token plus expiry in the row itself, so
 * it works through a transaction-pooling proxy (pgbouncer), where session advisory locks do not.
 * UPDATE ... RETURNING is wrapped in a CTE (see ContactRepository).
 */
@Injectable()
export class IntegrationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Takes the lease of a connected integration if nobody holds it (or the holder's lease expired).
   * `leasedAt` is the database's clock, the one `synced_at` is written with.
   */
  async acquireSyncLease(integrationId: string, token: string, ttlMs: number): Promise<{ integration: IntegrationEntity; leasedAt: Date } | null> {
    const rows: { leased_at: Date }[] = await this.dataSource.query(
      `WITH changed AS (
         UPDATE integrations SET sync_lease_token = $2, sync_lease_expires_at = now() + $3 * interval '1 millisecond'
         WHERE id = $1 AND status = 'connected'
           AND (sync_lease_token IS NULL OR sync_lease_expires_at < now())
         RETURNING id
       )
       SELECT now() AS leased_at FROM changed`,
      [integrationId, token, ttlMs],
    );
    if (rows.length === 0) return null;
    const integration = await this.dataSource.manager.findOneBy(IntegrationEntity, { id: integrationId, syncLeaseToken: token });
    return integration ? { integration, leasedAt: rows[0].leased_at } : null;
  }

  /**
   * CRM integrations a scheduler should sync now: connected, not failed, not leased (or the lease
   * expired), and never synced or last synced more than `intervalSeconds` ago; oldest first.
   */
  async findDueForSync(intervalSeconds: number, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM integrations
       WHERE provider IN ('hubspot', 'salesforce') AND status = 'connected' AND sync_stage <> 'failed'
         AND (sync_lease_token IS NULL OR sync_lease_expires_at < now())
         AND (last_synced_at IS NULL OR last_synced_at < now() - $1 * interval '1 second')
       ORDER BY last_synced_at ASC NULLS FIRST, id
       LIMIT $2`,
      [intervalSeconds, limit],
    );
    return rows.map((row) => row.id);
  }

  async markStage(integrationId: string, token: string, stage: SyncStage): Promise<void> {
    await this.dataSource.manager.update(IntegrationEntity, { id: integrationId, syncLeaseToken: token }, { syncStage: stage });
  }

  /**
   * Stores the cursor and extends the lease, inside the page's transaction. False when the lease
   * is no longer ours: the caller must roll the page back.
   */
  async saveProgress(manager: EntityManager, integrationId: string, token: string, cursor: object, ttlMs: number): Promise<boolean> {
    const rows: { id: string }[] = await manager.query(
      `WITH changed AS (
         UPDATE integrations SET sync_cursor = $3, sync_lease_expires_at = now() + $4 * interval '1 millisecond', updated_at = now()
         WHERE id = $1 AND sync_lease_token = $2
         RETURNING id
       )
       SELECT id FROM changed`,
      [integrationId, token, JSON.stringify(cursor), ttlMs],
    );
    return rows.length === 1;
  }

  /** Stores refreshed (already encrypted) tokens; a null refresh token or instance URL keeps the stored one. */
  /** `manager`: write inside the caller's transaction (e.g. one holding the row lock of a refresh). */
  async saveTokens(integrationId: string, tokens: StoredTokens, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource).query(
      `UPDATE integrations SET access_token = $2, refresh_token = COALESCE($3, refresh_token), token_expires_at = $4,
              token_issued_at = $5, instance_url = COALESCE($6, instance_url), updated_at = now()
       WHERE id = $1`,
      [integrationId, tokens.accessToken, tokens.refreshToken, tokens.tokenExpiresAt, tokens.tokenIssuedAt, tokens.instanceUrl],
    );
  }

  /** Records a run's outcome and releases the lease (only if still held by `token`). */
  async finishRun(integrationId: string, token: string, outcome: SyncOutcome): Promise<void> {
    await this.dataSource.query(
      `UPDATE integrations SET sync_stage = $3, status = COALESCE($4, status), last_error_code = $5, last_run_counts = $6,
              last_synced_at = COALESCE($7, last_synced_at), sync_lease_token = NULL, sync_lease_expires_at = NULL, updated_at = now()
       WHERE id = $1 AND sync_lease_token = $2`,
      [integrationId, token, outcome.stage, outcome.status ?? null, outcome.lastErrorCode, JSON.stringify(outcome.lastRunCounts), outcome.lastSyncedAt ?? null],
    );
  }
}
