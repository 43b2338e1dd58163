import { Injectable } from '@nestjs/common';
import type { DealTeamRole } from '@sentinel/persistence';
import { DataSource } from 'typeorm';

export interface TeamMemberRecord {
  userId: string;
  role: DealTeamRole;
  createdAt: Date;
}

/** Explicit deal-team changes; `owner` rows belong to the sync trigger and are never written here. */
@Injectable()
export class DealTeamRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(dealId: string): Promise<TeamMemberRecord[]> {
    const rows = await this.dataSource.query<Array<{ user_id: string; role: DealTeamRole; created_at: Date }>>(
      `SELECT user_id, role, created_at FROM deal_team_members WHERE deal_id = $1 ORDER BY role DESC, user_id`,
      [dealId],
    );
    return rows.map((row) => ({ userId: row.user_id, role: row.role, createdAt: new Date(row.created_at) }));
  }

  /** Adds a member; an existing row (an owner included) stays as it is. Returns the user's role. */
  async addMember(dealId: string, userId: string): Promise<DealTeamRole> {
    const rows = await this.dataSource.query<Array<{ role: DealTeamRole }>>(
      `WITH added AS (
         INSERT INTO deal_team_members (deal_id, user_id, role) VALUES ($1, $2, 'member') ON CONFLICT (deal_id, user_id) DO NOTHING RETURNING role
       )
       SELECT role FROM added UNION ALL SELECT role FROM deal_team_members WHERE deal_id = $1 AND user_id = $2`,
      [dealId, userId],
    );
    return rows[0].role;
  }

  /** Removes a member row; an owner row is not touched. Returns whether a member was removed. */
  async removeMember(dealId: string, userId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `WITH removed AS (DELETE FROM deal_team_members WHERE deal_id = $1 AND user_id = $2 AND role = 'member' RETURNING 1) SELECT * FROM removed`,
      [dealId, userId],
    );
    return rows.length > 0;
  }
}
