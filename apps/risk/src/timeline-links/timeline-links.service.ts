import { Injectable } from '@nestjs/common';
import { AuditTrail, auditActor } from '@sentinel/audit';
import { pageWindow, parseSort } from '@sentinel/hardening';
import type { AuthenticatedPrincipal } from '@sentinel/permission';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DealAccessService } from '../deals/deal-access.service';
import { DEALS_VIEW } from '../deals/deal-permissions';
import type { Page } from '../deals/deal.view';
import { DealNotFoundError, RelatedEntityNotFoundError } from '../errors/risk.error';
import { DEAL_LINKS_CREATE } from './timeline-link-permissions';
import type { CreateTimelineLinkDto, TimelineLinkView, TimelineLinksQuery } from './timeline-link.dto';
import { TimelineLinkRepository } from './timeline-link.repository';

/** Links from a deal's timeline to the four linkable entity types (docs/hardening.md, related_type). */
@Injectable()
export class TimelineLinksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deals: DealAccessService,
    private readonly links: TimelineLinkRepository,
    private readonly audit: AuditTrail,
  ) {}

  /** Links the deal to an existing entity of its own user; 422 `related_entity_not_found` otherwise. */
  async create(principal: AuthenticatedPrincipal, dealId: string, dto: CreateTimelineLinkDto): Promise<TimelineLinkView> {
    await this.deals.assertTeamAccess(principal, dealId, DEAL_LINKS_CREATE);
    const deal = await this.links.linkingDeal(dealId);
    if (!deal) throw new DealNotFoundError();
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.links.isLinkable(manager, deal, dto.related_type, dto.related_id))) throw new RelatedEntityNotFoundError();
      const { view, created } = await this.links.upsert(manager, { id: randomUUID(), dealId, relatedType: dto.related_type, relatedId: dto.related_id, createdByUserId: principal.userId });
      if (created) {
        await this.audit.record(
          {
            event: 'deal.timeline_linked',
            actor: auditActor(principal),
            subject: { type: 'deal', id: dealId },
            properties: { link_id: view.id, related_type: view.related_type, related_id: view.related_id },
          },
          manager,
        );
      }
      return view;
    });
  }

  async list(principal: AuthenticatedPrincipal, dealId: string, query: TimelineLinksQuery): Promise<Page<TimelineLinkView>> {
    await this.deals.assertTeamAccess(principal, dealId, DEALS_VIEW);
    const { offset, limit } = pageWindow(query);
    const { rows, total } = await this.links.page(dealId, parseSort(query.sort).direction, offset, limit);
    return { data: rows, page: query.page, per_page: query.per_page, total };
  }
}
