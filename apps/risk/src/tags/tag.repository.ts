import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import type { TagView } from './tag.view';

export type TagSortField = 'name' | 'created_at';

interface RawTag {
  id: string;
  name: string;
  created_at: Date;
}

/** The tenant's tags (the database is the tenant's: no tenant column) and the deal pivot. */
@Injectable()
export class TagRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts the tag; null when the name is taken. */
  async create(id: string, name: string): Promise<TagView | null> {
    const rows = await this.dataSource.query<RawTag[]>(
      `INSERT INTO tags (id, name) VALUES ($1, $2) ON CONFLICT ON CONSTRAINT tags_name_key DO NOTHING RETURNING id, name, created_at`,
      [id, name],
    );
    return rows.map(toView)[0] ?? null;
  }

  /** One page of tags; `field` comes from the route's sort allow-list. */
  async page(field: TagSortField, direction: 'ASC' | 'DESC', offset: number, limit: number): Promise<{ rows: TagView[]; total: number }> {
    const column = field === 'created_at' ? 'created_at' : 'name';
    const order = direction === 'ASC' ? 'ASC' : 'DESC';
    const rows = await this.dataSource.query<RawTag[]>(`SELECT id, name, created_at FROM tags ORDER BY ${column} ${order}, id ${order} LIMIT $1 OFFSET $2`, [limit, offset]);
    const [{ total }] = await this.dataSource.query<Array<{ total: number }>>(`SELECT count(*)::int AS total FROM tags`);
    return { rows: rows.map(toView), total };
  }

  /** Which of the given ids are tags, in one query (ids that are not UUIDs cannot be). */
  async existingIds(manager: EntityManager, ids: readonly string[]): Promise<string[]> {
    const candidates = ids.filter((id) => isUUID(id));
    if (candidates.length === 0) return [];
    const rows = await manager.query<Array<{ id: string }>>(`SELECT id FROM tags WHERE id = ANY($1::uuid[]) FOR SHARE`, [candidates]);
    return rows.map((row) => row.id);
  }

  /** Makes the deal's tags exactly `tagIds`; returns how many were added and removed. */
  async replaceDealTags(manager: EntityManager, dealId: string, tagIds: readonly string[]): Promise<{ added: number; removed: number }> {
    const removed = await manager.query<unknown[]>(
      `WITH removed AS (DELETE FROM deal_tags WHERE deal_id = $1 AND NOT (tag_id = ANY($2::uuid[])) RETURNING 1) SELECT * FROM removed`,
      [dealId, tagIds],
    );
    const added = await manager.query<unknown[]>(
      `WITH added AS (
         INSERT INTO deal_tags (deal_id, tag_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT (deal_id, tag_id) DO NOTHING RETURNING 1
       ) SELECT * FROM added`,
      [dealId, tagIds],
    );
    return { added: added.length, removed: removed.length };
  }

  async dealTags(manager: EntityManager, dealId: string): Promise<TagView[]> {
    const rows = await manager.query<RawTag[]>(
      `SELECT t.id, t.name, t.created_at FROM deal_tags dt JOIN tags t ON t.id = dt.tag_id WHERE dt.deal_id = $1 ORDER BY t.name, t.id`,
      [dealId],
    );
    return rows.map(toView);
  }
}

function toView(row: RawTag): TagView {
  return { id: row.id, name: row.name, created_at: new Date(row.created_at).toISOString() };
}
