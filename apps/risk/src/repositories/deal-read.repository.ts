import { Injectable } from '@nestjs/common';
import type { CrmProvider, DealTeamRole } from '@sentinel/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { EMPTY_AGGREGATE, type DealAggregate } from '../aggregates/deal-aggregate';

/** A deal with everything its risk is computed from: one row, however long its timeline. */
export interface DealRecord {
  id: string;
  integrationId: string;
  provider: CrmProvider;
  externalId: string;
  name: string | null;
  stage: string | null;
  amount: string | null;
  closeDate: string | null;
  ownerExternalId: string | null;
  stageSince: Date | null;
  linkedContacts: number;
  aggregate: DealAggregate;
}

export interface DealListFilter {
  /** Null for a system administrator: every live deal. */
  memberUserId: string | null;
  stage?: string;
}

const COLUMNS = `d.id, d.integration_id, d.provider, d.external_id, d.name, d.stage, d.amount::text AS amount,
  to_char(d.close_date, 'YYYY-MM-DD') AS close_date, d.owner_external_id,
  a.stage_since, a.inbound_count, a.outbound_count, a.first_inbound_at, a.last_inbound_at, a.previous_inbound_at,
  a.last_outbound_at, a.last_meeting_at, a.engaged_contact_ids,
  (SELECT count(*)::int FROM deal_contacts dc WHERE dc.deal_id = d.id) AS linked_contacts`;

/** Read queries over live deals and their aggregates. */
@Injectable()
export class DealReadRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every live deal the filter allows; risk filtering, sorting and paging happen on the computed risk. */
  async list(filter: DealListFilter): Promise<DealRecord[]> {
    const params: unknown[] = [];
    const conditions = ['d.deleted_at IS NULL'];
    if (filter.memberUserId !== null) {
      params.push(filter.memberUserId);
      conditions.push(`EXISTS (SELECT 1 FROM deal_team_members t WHERE t.deal_id = d.id AND t.user_id = $${params.length})`);
    }
    if (filter.stage !== undefined) {
      params.push(filter.stage);
      conditions.push(`d.stage = $${params.length}`);
    }
    const rows = await this.dataSource.query<RawDeal[]>(
      `SELECT ${COLUMNS} FROM deals d LEFT JOIN deal_risk_aggregates a ON a.deal_id = d.id WHERE ${conditions.join(' AND ')}`,
      params,
    );
    return rows.map(toRecord);
  }

  async findLive(id: string): Promise<DealRecord | undefined> {
    const rows = await this.dataSource.query<RawDeal[]>(
      `SELECT ${COLUMNS} FROM deals d LEFT JOIN deal_risk_aggregates a ON a.deal_id = d.id WHERE d.id = $1 AND d.deleted_at IS NULL`,
      [id],
    );
    return rows.map(toRecord)[0];
  }

  /** Live deals by id, read in the caller's transaction (risk-level webhooks judge them there). */
  async findLiveMany(manager: EntityManager, ids: string[]): Promise<DealRecord[]> {
    if (ids.length === 0) return [];
    const rows = await manager.query<RawDeal[]>(
      `SELECT ${COLUMNS} FROM deals d LEFT JOIN deal_risk_aggregates a ON a.deal_id = d.id WHERE d.id = ANY($1::uuid[]) AND d.deleted_at IS NULL`,
      [ids],
    );
    return rows.map(toRecord);
  }

  async exists(id: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM deals WHERE id = $1 AND deleted_at IS NULL`, [id]);
    return rows.length > 0;
  }

  /** The user's role on the deal's team, or null when they are not on it. */
  async teamRole(dealId: string, userId: string): Promise<DealTeamRole | null> {
    const rows = await this.dataSource.query<Array<{ role: DealTeamRole }>>(`SELECT role FROM deal_team_members WHERE deal_id = $1 AND user_id = $2`, [dealId, userId]);
    return rows[0]?.role ?? null;
  }
}

interface RawDeal {
  id: string;
  integration_id: string;
  provider: CrmProvider;
  external_id: string;
  name: string | null;
  stage: string | null;
  amount: string | null;
  close_date: string | null;
  owner_external_id: string | null;
  stage_since: Date | null;
  inbound_count: number | null;
  outbound_count: number | null;
  first_inbound_at: Date | null;
  last_inbound_at: Date | null;
  previous_inbound_at: Date | null;
  last_outbound_at: Date | null;
  last_meeting_at: Date | null;
  engaged_contact_ids: string[] | null;
  linked_contacts: number;
}

function toRecord(row: RawDeal): DealRecord {
  return {
    id: row.id,
    integrationId: row.integration_id,
    provider: row.provider,
    externalId: row.external_id,
    name: row.name,
    stage: row.stage,
    amount: row.amount,
    closeDate: row.close_date,
    ownerExternalId: row.owner_external_id,
    stageSince: row.stage_since,
    linkedContacts: row.linked_contacts,
    aggregate: row.inbound_count === null ? EMPTY_AGGREGATE : aggregateOf(row),
  };
}

export function aggregateOf(row: Pick<RawDeal, 'inbound_count' | 'outbound_count' | 'first_inbound_at' | 'last_inbound_at' | 'previous_inbound_at' | 'last_outbound_at' | 'last_meeting_at' | 'engaged_contact_ids'>): DealAggregate {
  return {
    inboundCount: row.inbound_count ?? 0,
    outboundCount: row.outbound_count ?? 0,
    firstInboundAt: msOf(row.first_inbound_at),
    lastInboundAt: msOf(row.last_inbound_at),
    previousInboundAt: msOf(row.previous_inbound_at),
    lastOutboundAt: msOf(row.last_outbound_at),
    lastMeetingAt: msOf(row.last_meeting_at),
    engagedContactIds: row.engaged_contact_ids ?? [],
  };
}

function msOf(value: Date | null): number | null {
  return value === null ? null : new Date(value).getTime();
}
