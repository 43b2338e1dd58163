import { Injectable } from '@nestjs/common';
import { assertRelatedType, RelatedType } from '@sentinel/hardening';
import { DataSource, type EntityManager } from 'typeorm';
import { LINKABLE_ENTITIES, type LinkingDeal } from './linkable-entities';
import type { TimelineLinkView } from './timeline-link.dto';

interface RawLink {
  id: string;
  deal_id: string;
  related_type: string;
  related_id: string;
  created_by_user_id: string;
  created_at: Date;
}

const COLUMNS = 'id, deal_id, related_type, related_id, created_by_user_id, created_at';

/** Deal timeline links and the lookups of what they may point at. */
@Injectable()
export class TimelineLinkRepository {
  constructor(private readonly dataSource: DataSource) {}

  async linkingDeal(dealId: string): Promise<LinkingDeal | undefined> {
    const rows = await this.dataSource.query<Array<{ user_id: string }>>(`SELECT user_id FROM deals WHERE id = $1 AND deleted_at IS NULL`, [dealId]);
    return rows.map((row) => ({ id: dealId, userId: row.user_id }))[0];
  }

  /** Whether the deal may link to this entity (the morph map decides the class and the scope). */
  async isLinkable(manager: EntityManager, deal: LinkingDeal, relatedType: RelatedType, relatedId: string): Promise<boolean> {
    if (relatedType === RelatedType.Deal && relatedId === deal.id) return false;
    return LINKABLE_ENTITIES[relatedType].exists(manager, relatedId, deal);
  }

  /** Inserts the link, or returns the one already there (a link is a set member: idempotent). */
  async upsert(manager: EntityManager, link: { id: string; dealId: string; relatedType: RelatedType; relatedId: string; createdByUserId: string }): Promise<{ view: TimelineLinkView; created: boolean }> {
    const inserted = await manager.query<RawLink[]>(
      `INSERT INTO deal_timeline_links (id, deal_id, related_type, related_id, created_by_user_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT deal_timeline_links_target_key DO NOTHING RETURNING ${COLUMNS}`,
      [link.id, link.dealId, link.relatedType, link.relatedId, link.createdByUserId],
    );
    if (inserted.length > 0) return { view: toView(inserted[0]), created: true };
    const [existing] = await manager.query<RawLink[]>(
      `SELECT ${COLUMNS} FROM deal_timeline_links WHERE deal_id = $1 AND related_type = $2 AND related_id = $3`,
      [link.dealId, link.relatedType, link.relatedId],
    );
    return { view: toView(existing), created: false };
  }

  async page(dealId: string, direction: 'ASC' | 'DESC', offset: number, limit: number): Promise<{ rows: TimelineLinkView[]; total: number }> {
    const order = direction === 'ASC' ? 'ASC' : 'DESC';
    const rows = await this.dataSource.query<RawLink[]>(
      `SELECT ${COLUMNS} FROM deal_timeline_links WHERE deal_id = $1 ORDER BY created_at ${order}, id ${order} LIMIT $2 OFFSET $3`,
      [dealId, limit, offset],
    );
    const [{ total }] = await this.dataSource.query<Array<{ total: number }>>(`SELECT count(*)::int AS total FROM deal_timeline_links WHERE deal_id = $1`, [dealId]);
    return { rows: rows.map(toView), total };
  }
}

function toView(row: RawLink): TimelineLinkView {
  return {
    id: row.id,
    deal_id: row.deal_id,
    // Stored rows pass the allow-list again (the column's CHECK says the same).
    related_type: assertRelatedType(row.related_type),
    related_id: row.related_id,
    created_by_user_id: row.created_by_user_id,
    created_at: new Date(row.created_at).toISOString(),
  };
}
