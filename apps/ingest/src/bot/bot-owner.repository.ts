import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Where a meeting-bot item is filed: one of the owner's connected integrations. */
@Injectable()
export class BotOwnerRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The owner's connected integration a meeting most belongs to: their calendar, else their mailbox,
   * else Slack, else any (a CRM). The gate accepts a meeting-bot item under any of them; this one
   * carries its ledger counts.
   */
  async integrationOf(userId: string): Promise<string | undefined> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM integrations WHERE user_id = $1 AND status = 'connected'
        ORDER BY CASE provider WHEN 'calendar' THEN 0 WHEN 'gmail' THEN 1 WHEN 'slack' THEN 2 ELSE 3 END, created_at, id
        LIMIT 1`,
      [userId],
    );
    return rows[0]?.id;
  }
}
