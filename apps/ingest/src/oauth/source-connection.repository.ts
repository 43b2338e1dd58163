import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SourceProvider } from './source-provider.param';

/** A connection as stored: tokens already sealed for the row `id`. */
export interface SealedConnection {
  id: string;
  userId: string;
  provider: SourceProvider;
  externalAccountId: string;
  accessToken: string;
  refreshToken: string | null;
  tokenExpiresAt: Date | null;
  tokenIssuedAt: Date;
  selfAddresses: string[];
}

/** Integration rows of the sources ingest connects itself. */
@Injectable()
export class SourceConnectionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The row of an earlier connection of the same account, so a reconnect reuses it. */
  async findId(userId: string, provider: SourceProvider, externalAccountId: string): Promise<string | undefined> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM integrations WHERE user_id = $1 AND provider = $2 AND external_account_id = $3`,
      [userId, provider, externalAccountId],
    );
    return rows[0]?.id;
  }

  /**
   * Creates or reconnects: new tokens and addresses, status back to connected. A reconnect keeps the
   * sync cursor, and the stored refresh token when the provider sent none.
   */
  async save(connection: SealedConnection): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO integrations (id, user_id, provider, status, access_token, refresh_token, token_expires_at, token_issued_at,
                                 external_account_id, self_addresses, sync_stage)
       VALUES ($1, $2, $3, 'connected', $4, $5, $6, $7, $8, $9, 'incremental_pending')
       ON CONFLICT (id) DO UPDATE SET
         status = 'connected',
         access_token = EXCLUDED.access_token,
         refresh_token = COALESCE(EXCLUDED.refresh_token, integrations.refresh_token),
         token_expires_at = EXCLUDED.token_expires_at,
         token_issued_at = EXCLUDED.token_issued_at,
         self_addresses = EXCLUDED.self_addresses,
         last_error_code = NULL,
         updated_at = now()`,
      [
        connection.id,
        connection.userId,
        connection.provider,
        connection.accessToken,
        connection.refreshToken,
        connection.tokenExpiresAt,
        connection.tokenIssuedAt,
        connection.externalAccountId,
        connection.selfAddresses,
      ],
    );
  }
}
