import { Injectable } from '@nestjs/common';
import { ActivityLogRepository, AuditTrail, auditActor, type AuditRecord } from '@sentinel/audit';
import { pageWindow, parseSort } from '@sentinel/hardening';
import type { AuthenticatedPrincipal } from '@sentinel/permission';
import type { AuditEntryView, AuditPage } from './audit-entry.view';
import { AUDIT_FILTERS, type AuditListQuery } from './audit-list.query';
import { AuditRangeInvalidError } from './audit-range-invalid.error';

/** Reading the trail. Reading it is itself recorded: who looked, on whose behalf, with which filters. */
@Injectable()
export class AuditQueryService {
  constructor(
    private readonly log: ActivityLogRepository,
    private readonly audit: AuditTrail,
  ) {}

  async list(principal: AuthenticatedPrincipal, query: AuditListQuery): Promise<AuditPage> {
    const from = query.from === undefined ? undefined : new Date(query.from);
    const to = query.to === undefined ? undefined : new Date(query.to);
    if (from && to && from >= to) throw new AuditRangeInvalidError();
    const { offset, limit } = pageWindow(query);
    const { rows, total } = await this.log.list({
      actorUserId: query.actor_user_id,
      subjectType: query.subject_type,
      subjectId: query.subject_id,
      event: query.event,
      from,
      to,
      direction: parseSort(query.sort).direction,
      offset,
      limit,
    });
    await this.audit.record({
      event: 'audit.viewed',
      actor: auditActor(principal),
      subject: { type: 'activity_log', id: 'all' },
      properties: { filters: AUDIT_FILTERS.filter((name) => query[name] !== undefined), page: query.page, returned: rows.length },
    });
    return { data: rows.map(toView), page: query.page, per_page: query.per_page, total };
  }
}

function toView(row: AuditRecord): AuditEntryView {
  return {
    seq: row.seq,
    event: row.event,
    actor_user_id: row.actorUserId,
    impersonator_id: row.impersonatorId,
    subject_type: row.subjectType,
    subject_id: row.subjectId,
    properties: row.properties,
    occurred_at: row.occurredAt.toISOString(),
    hash: row.hash,
  };
}
