import { Injectable } from '@nestjs/common';
import type { IntegrationProvider, IntegrationStatus } from '@sentinel/persistence';
import { DataSource } from 'typeorm';

/** What the gate needs of an integration. `accessToken` is still the stored envelope. */
export interface GateIntegration {
  id: string;
  userId: string;
  provider: IntegrationProvider;
  status: IntegrationStatus;
  accessToken: string | null;
  /** Slack: `<team id>:<user id>` of the person who connected; mail and calendar: the mailbox address. */
  externalAccountId: string;
  /** The user's own addresses the connect flow recorded (mailbox aliases, Slack email), normalized. */
  selfAddresses: string[];
}

interface IntegrationRow {
  id: string;
  user_id: string;
  provider: IntegrationProvider;
  status: IntegrationStatus;
  access_token: string | null;
  external_account_id: string;
  self_addresses: string[];
}

/** Integrations read by the gate: one query per micro-batch. */
@Injectable()
export class GateIntegrationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Every integration of every user concerned by the batch: users owning one of `integrationIds`,
   * or having a connected Slack integration in one of `slackTeamIds`. All of a user's integrations
   * are returned because each one names an address of the user's own (self-exclusion).
   */
  async loadForBatch(integrationIds: readonly string[], slackTeamIds: readonly string[]): Promise<GateIntegration[]> {
    const rows = await this.dataSource.query<IntegrationRow[]>(
      `SELECT i.id, i.user_id, i.provider, i.status, i.access_token, i.external_account_id, i.self_addresses
         FROM integrations i
        WHERE i.user_id IN (
              SELECT s.user_id FROM integrations s
               WHERE s.id = ANY($1::uuid[])
                  OR (s.provider = 'slack' AND s.status = 'connected' AND split_part(s.external_account_id, ':', 1) = ANY($2::text[])))
        ORDER BY i.id`,
      [integrationIds, slackTeamIds],
    );
    return rows.map((row) => ({
      id: row.id,
      userId: row.user_id,
      provider: row.provider,
      status: row.status,
      accessToken: row.access_token,
      externalAccountId: row.external_account_id,
      selfAddresses: row.self_addresses,
    }));
  }
}
