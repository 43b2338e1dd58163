import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail, auditActor } from '@sentinel/audit';
import { pageWindow, parseSort, sanitizeMarkdown } from '@sentinel/hardening';
import type { AuthenticatedPrincipal } from '@sentinel/permission';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../clock';
import { DealNotFoundError, NoteEmptyError } from '../errors/risk.error';
import { DealReadRepository, type DealRecord } from '../repositories/deal-read.repository';
import { DealTimelineRepository, type TimelineEntryRecord } from '../repositories/deal-timeline.repository';
import { assessRisk, type RiskInput } from '../rules/risk-rules';
import { RISK_RULES, type RiskRulesConfig } from '../rules/risk-rules.config';
import { DealAccessService } from './deal-access.service';
import { DEAL_NOTES_CREATE, DEALS_VIEW } from './deal-permissions';
import type { DealView, NoteView, Page, TimelineEntryView } from './deal.view';
import type { DealSortField, DealsListQuery, TimelineQuery } from './deals-list.query';

/** Deals as their team reads them, with risk computed at read time from the stored aggregates. */
@Injectable()
export class DealsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deals: DealReadRepository,
    private readonly timeline: DealTimelineRepository,
    private readonly access: DealAccessService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RISK_RULES) private readonly rules: RiskRulesConfig,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * The caller's deals (every live deal for a system administrator). Risk is per-deal O(1), so the
   * level filter and risk sort run over the computed list before paging, and stay exact.
   */
  async list(principal: AuthenticatedPrincipal, query: DealsListQuery): Promise<Page<DealView>> {
    const records = await this.deals.list({ memberUserId: principal.isSystemAdmin ? null : principal.userId, stage: query.stage });
    const now = this.clock.now();
    const views = records.map((record) => toView(record, assessRisk(riskInput(record), now, this.rules)));
    const filtered = query.risk_level ? views.filter((view) => view.risk.level === query.risk_level) : views;
    const { field, direction } = parseSort(query.sort);
    const sorted = filtered.sort((a, b) => compareDeals(a, b, field) * (direction === 'ASC' ? 1 : -1) || a.id.localeCompare(b.id));
    const { offset, limit } = pageWindow(query);
    return { data: sorted.slice(offset, offset + limit), page: query.page, per_page: query.per_page, total: filtered.length };
  }

  async get(principal: AuthenticatedPrincipal, dealId: string): Promise<DealView> {
    await this.access.assertTeamAccess(principal, dealId, DEALS_VIEW);
    const record = await this.deals.findLive(dealId);
    if (!record) throw new DealNotFoundError();
    return toView(record, assessRisk(riskInput(record), this.clock.now(), this.rules));
  }

  async timelinePage(principal: AuthenticatedPrincipal, dealId: string, query: TimelineQuery): Promise<Page<TimelineEntryView>> {
    await this.access.assertTeamAccess(principal, dealId, DEALS_VIEW);
    const { offset, limit } = pageWindow(query);
    const { rows, total } = await this.timeline.page(dealId, parseSort(query.sort).direction, offset, limit);
    return { data: rows.map(toEntryView), page: query.page, per_page: query.per_page, total };
  }

  /**
   * Stores a sanitized note and puts it on the deal's timeline (notes do not move the risk
   * aggregates); the audit row is written in the same transaction, so no note goes unrecorded.
   */
  async addNote(principal: AuthenticatedPrincipal, dealId: string, markdown: string): Promise<NoteView> {
    await this.access.assertTeamAccess(principal, dealId, DEAL_NOTES_CREATE);
    const body = sanitizeMarkdown(markdown).trim();
    if (body === '') throw new NoteEmptyError();
    const id = randomUUID();
    const createdAt = await this.dataSource.transaction(async (manager) => {
      const created = await this.timeline.insertNote(manager, { id, dealId, authorUserId: principal.userId, body });
      await this.timeline.insertEntries(manager, [{ dealId, source: 'note', messageId: id, direction: null, occurredAt: created, contactIds: [] }]);
      await this.audit.record(
        { event: 'deal.note_created', actor: auditActor(principal), subject: { type: 'deal', id: dealId }, properties: { note_id: id, length: body.length } },
        manager,
      );
      return created;
    });
    return { id, deal_id: dealId, author_user_id: principal.userId, body, created_at: new Date(createdAt).toISOString() };
  }
}

/** What the risk rules read about a stored deal. */
export function riskInput(record: DealRecord): RiskInput {
  return {
    stage: record.stage,
    closeDate: record.closeDate,
    stageSince: record.stageSince === null ? null : new Date(record.stageSince).getTime(),
    linkedContacts: record.linkedContacts,
    aggregate: record.aggregate,
  };
}

function toView(record: DealRecord, risk: DealView['risk']): DealView {
  return {
    id: record.id,
    integration_id: record.integrationId,
    provider: record.provider,
    external_id: record.externalId,
    name: record.name,
    stage: record.stage,
    amount: record.amount,
    close_date: record.closeDate,
    owner_external_id: record.ownerExternalId,
    linked_contacts: record.linkedContacts,
    risk,
  };
}

/** Ascending order of one whitelisted field; missing values sort last ascending. */
function compareDeals(a: DealView, b: DealView, field: DealSortField): number {
  switch (field) {
    case 'risk_score':
      return a.risk.score - b.risk.score;
    case 'amount':
      return compareNullable(a.amount === null ? null : Number(a.amount), b.amount === null ? null : Number(b.amount), (x, y) => x - y);
    case 'name':
      return compareNullable(a.name, b.name, (x, y) => x.localeCompare(y));
    case 'close_date':
      return compareNullable(a.close_date, b.close_date, (x, y) => x.localeCompare(y));
  }
}

function compareNullable<T>(a: T | null, b: T | null, compare: (x: T, y: T) => number): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return compare(a, b);
}

function toEntryView(entry: TimelineEntryRecord): TimelineEntryView {
  const view: TimelineEntryView = {
    kind: entry.source === 'note' ? 'note' : 'message',
    source: entry.source,
    id: entry.messageId,
    direction: entry.direction,
    occurred_at: entry.occurredAt.toISOString(),
    contact_ids: entry.contactIds,
  };
  if (entry.body !== null) view.body = entry.body;
  if (entry.authorUserId !== null) view.author_user_id = entry.authorUserId;
  return view;
}
