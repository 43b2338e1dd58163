import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CrmProvider, IntegrationStatus, SyncRunCounts, SyncStage } from '@sentinel/persistence';
import type { DataSource } from 'typeorm';

/** An integration as its owner sees it: never a token column. */
export interface IntegrationRecord {
  id: string;
  provider: CrmProvider;
  status: IntegrationStatus;
  syncStage: SyncStage;
  externalAccountId: string;
  lastSyncedAt: Date | null;
  lastErrorCode: string | null;
  lastRunCounts: SyncRunCounts | null;
  /** A run holds the lease right now. */
  syncing: boolean;
  createdAt: Date;
}

/** A connect flow's result, tokens already sealed for `id`. */
export interface NewConnection {
  id: string;
  userId: string;
  provider: CrmProvider;
  externalAccountId: string;
  accessToken: string;
  refreshToken: string | null;
  tokenExpiresAt: Date | null;
  tokenIssuedAt: Date;
  instanceUrl: string | null;
}

// Token columns are deliberately absent: a listing cannot leak what it never selects.
const COLUMNS = `id, provider, status, sync_stage, external_account_id, last_synced_at, last_error_code, last_run_counts,
  (sync_lease_token IS NOT NULL AND sync_lease_expires_at > now()) AS syncing, created_at`;
const OWNED_CRM = `user_id = $1 AND provider IN ('hubspot', 'salesforce')`;

/** The connect, list and disconnect queries of crm-sync's HTTP API, always scoped to the owner. */
@Injectable()
export class IntegrationAdminRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The id of the user's integration with this provider account, reused on reconnect (token AAD is bound to it). */
  async findIdByAccount(userId: string, provider: CrmProvider, externalAccountId: string): Promise<string | undefined> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM integrations WHERE user_id = $1 AND provider = $2 AND external_account_id = $3`,
      [userId, provider, externalAccountId],
    );
    return rows[0]?.id;
  }

  /**
   * Creates or reconnects the integration. A reconnect starts over with a full pass (the cursor is
   * dropped) so contacts retired by a disconnect come back.
   */
  async saveConnection(connection: NewConnection): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO integrations (id, user_id, provider, status, access_token, refresh_token, token_expires_at, token_issued_at,
                                 instance_url, external_account_id, sync_stage)
       VALUES ($1, $2, $3, 'connected', $4, $5, $6, $7, $8, $9, 'full_pending')
       ON CONFLICT (id) DO UPDATE SET status = 'connected', access_token = EXCLUDED.access_token, refresh_token = EXCLUDED.refresh_token,
         token_expires_at = EXCLUDED.token_expires_at, token_issued_at = EXCLUDED.token_issued_at, instance_url = EXCLUDED.instance_url,
         sync_stage = 'full_pending', sync_cursor = NULL, last_error_code = NULL, updated_at = now()`,
      [
        connection.id, connection.userId, connection.provider, connection.accessToken, connection.refreshToken,
        connection.tokenExpiresAt, connection.tokenIssuedAt, connection.instanceUrl, connection.externalAccountId,
      ],
    );
  }

  async listOwned(userId: string): Promise<IntegrationRecord[]> {
    const rows: RawIntegration[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM integrations WHERE ${OWNED_CRM} ORDER BY created_at, id`, [userId]);
    return rows.map(toRecord);
  }

  async findOwned(userId: string, id: string): Promise<IntegrationRecord | undefined> {
    const rows: RawIntegration[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM integrations WHERE ${OWNED_CRM} AND id = $2`, [userId, id]);
    return rows.map(toRecord)[0];
  }

  /**
   * Erases the tokens and marks the integration disconnected. The lease is cleared too, so a run in
   * progress fails its next page commit (fenced on the lease) and rolls that page back.
   */
  async disconnect(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE integrations SET status = 'disconnected', access_token = NULL, refresh_token = NULL, token_expires_at = NULL,
              token_issued_at = NULL, sync_lease_token = NULL, sync_lease_expires_at = NULL, sync_stage = 'full_pending',
              sync_cursor = NULL, updated_at = now()
       WHERE id = $1`,
      [id],
    );
  }

  /**
   * Retires the book of a disconnected integration: contacts and deals are marked deleted (ids that
   * stored messages reference stay resolvable) and every lookup address is removed, so the ingest
   * gate stops admitting through them at once. Runs after `disconnect` committed: a sync page can
   * no longer commit, and this transaction never waits on the integration row a page locks last.
   */
  async retireBook(id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM contact_emails WHERE contact_id IN (SELECT id FROM contacts WHERE integration_id = $1)`, [id]);
      await manager.query(`UPDATE contacts SET deleted_at = now() WHERE integration_id = $1 AND deleted_at IS NULL`, [id]);
      await manager.query(`UPDATE deals SET deleted_at = now() WHERE integration_id = $1 AND deleted_at IS NULL`, [id]);
    });
  }
}

interface RawIntegration {
  id: string;
  provider: CrmProvider;
  status: IntegrationStatus;
  sync_stage: SyncStage;
  external_account_id: string;
  last_synced_at: Date | null;
  last_error_code: string | null;
  last_run_counts: SyncRunCounts | null;
  syncing: boolean;
  created_at: Date;
}

function toRecord(row: RawIntegration): IntegrationRecord {
  return {
    id: row.id,
    provider: row.provider,
    status: row.status,
    syncStage: row.sync_stage,
    externalAccountId: row.external_account_id,
    lastSyncedAt: row.last_synced_at,
    lastErrorCode: row.last_error_code,
    lastRunCounts: row.last_run_counts,
    syncing: row.syncing,
    createdAt: row.created_at,
  };
}
