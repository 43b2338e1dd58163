import { Injectable } from '@nestjs/common';
import { AuditTrail, auditActor } from '@sentinel/audit';
import { assertDistinctExisting, pageWindow, parseSort } from '@sentinel/hardening';
import type { AuthenticatedPrincipal } from '@sentinel/permission';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DealAccessService } from '../deals/deal-access.service';
import { DEALS_VIEW } from '../deals/deal-permissions';
import type { Page } from '../deals/deal.view';
import { TagNameTakenError } from '../errors/risk.error';
import { DEAL_TAGS_MANAGE } from './tag-permissions';
import type { TagsListQuery } from './tag.dto';
import { TagRepository } from './tag.repository';
import type { DealTagsView, TagView } from './tag.view';

/** Tenant tags and each deal's tag set (replaced as a whole by the sync route). */
@Injectable()
export class TagsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deals: DealAccessService,
    private readonly tags: TagRepository,
    private readonly audit: AuditTrail,
  ) {}

  async create(principal: AuthenticatedPrincipal, name: string): Promise<TagView> {
    const tag = await this.tags.create(randomUUID(), name);
    if (tag === null) throw new TagNameTakenError();
    await this.audit.record({ event: 'tag.created', actor: auditActor(principal), subject: { type: 'tag', id: tag.id } });
    return tag;
  }

  async list(query: TagsListQuery): Promise<Page<TagView>> {
    const { field, direction } = parseSort(query.sort);
    const { offset, limit } = pageWindow(query);
    const { rows, total } = await this.tags.page(field, direction, offset, limit);
    return { data: rows, page: query.page, per_page: query.per_page, total };
  }

  async dealTags(principal: AuthenticatedPrincipal, dealId: string): Promise<DealTagsView> {
    await this.deals.assertTeamAccess(principal, dealId, DEALS_VIEW);
    return { deal_id: dealId, tags: await this.tags.dealTags(this.dataSource.manager, dealId) };
  }

  /**
   * Replaces the deal's tags. The ids must be distinct and all exist (422 `invalid_ids` naming the
   * duplicates and unknown ones, nothing changed); the tags are share-locked so none disappears
   * between the check and the write.
   */
  async sync(principal: AuthenticatedPrincipal, dealId: string, tagIds: readonly string[]): Promise<DealTagsView> {
    await this.deals.assertTeamAccess(principal, dealId, DEAL_TAGS_MANAGE);
    return this.dataSource.transaction(async (manager) => {
      assertDistinctExisting(tagIds, await this.tags.existingIds(manager, tagIds));
      const { added, removed } = await this.tags.replaceDealTags(manager, dealId, tagIds);
      await this.audit.record(
        { event: 'deal.tags_synced', actor: auditActor(principal), subject: { type: 'deal', id: dealId }, properties: { tag_ids: [...tagIds], added, removed } },
        manager,
      );
      return { deal_id: dealId, tags: await this.tags.dealTags(manager, dealId) };
    });
  }
}
