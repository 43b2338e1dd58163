import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SourceCursor, SourceIntegration } from '../sources/source-integration';

interface Row {
  id: string;
  user_id: string;
  provider: 'gmail' | 'calendar';
  access_token: string | null;
  refresh_token: string | null;
  token_expires_at: Date | null;
  sync_cursor: SourceCursor | null;
}

/** The Gmail and Calendar integrations the sources poll, their cursors and refreshed access tokens. */
@Injectable()
export class SourceIntegrationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async connected(): Promise<SourceIntegration[]> {
    return this.select(`provider IN ('gmail', 'calendar') AND status = 'connected'`, []);
  }

  /** Connected Gmail integrations of one mailbox address (compared case-insensitively). */
  async connectedGmail(address: string): Promise<SourceIntegration[]> {
    return this.select(`provider = 'gmail' AND status = 'connected' AND lower(external_account_id) = lower($1)`, [address]);
  }

  /** Connected Gmail and Calendar integrations of one user. */
  async connectedGoogleOf(userId: string): Promise<SourceIntegration[]> {
    return this.select(`provider IN ('gmail', 'calendar') AND status = 'connected' AND user_id = $1`, [userId]);
  }

  /** One connected Gmail integration by id (undefined once it is disconnected or gone). */
  async connectedGmailById(integrationId: string): Promise<SourceIntegration | undefined> {
    return (await this.select(`provider = 'gmail' AND status = 'connected' AND id = $1`, [integrationId]))[0];
  }

  private async select(where: string, params: unknown[]): Promise<SourceIntegration[]> {
    const rows = await this.dataSource.query<Row[]>(
      `SELECT id, user_id, provider, access_token, refresh_token, token_expires_at, sync_cursor
         FROM integrations WHERE ${where} ORDER BY id`,
      params,
    );
    return rows.map((row) => ({
      integrationId: row.id,
      userId: row.user_id,
      provider: row.provider,
      accessToken: row.access_token,
      refreshToken: row.refresh_token,
      tokenExpiresAt: row.token_expires_at ? new Date(row.token_expires_at) : null,
      cursor: row.sync_cursor,
    }));
  }

  /**
   * Takes the integration's sync lease unless another replica holds a live one, so one mailbox is
   * polled by one replica at a time. False when it is taken.
   */
  async claim(integrationId: string, token: string, leaseSeconds: number): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [, affected] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE integrations SET sync_lease_token = $2, sync_lease_expires_at = now() + make_interval(secs => $3)
        WHERE id = $1 AND (sync_lease_expires_at IS NULL OR sync_lease_expires_at < now())`,
      [integrationId, token, leaseSeconds],
    );
    return affected > 0;
  }

  async release(integrationId: string, token: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE integrations SET sync_lease_token = NULL, sync_lease_expires_at = NULL WHERE id = $1 AND sync_lease_token = $2`,
      [integrationId, token],
    );
  }

  /** Null clears the cursor, so the next poll runs a bounded full sync. */
  async saveCursor(integrationId: string, cursor: SourceCursor | null): Promise<void> {
    await this.dataSource.query(`UPDATE integrations SET sync_cursor = $2, last_synced_at = now() WHERE id = $1`, [integrationId, cursor]);
  }

  /** A refreshed access token, already encrypted for this row. */
  async saveAccessToken(integrationId: string, envelope: string, expiresAt: Date | null): Promise<void> {
    await this.dataSource.query(`UPDATE integrations SET access_token = $2, token_expires_at = $3, token_issued_at = now() WHERE id = $1`, [
      integrationId,
      envelope,
      expiresAt,
    ]);
  }
}
