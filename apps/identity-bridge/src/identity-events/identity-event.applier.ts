import { Injectable, Logger } from '@nestjs/common';
import { AuditTrail, SYSTEM_ACTORS } from '@sentinel/audit';
import type { EventEnvelope } from '@sentinel/messaging';
import { POLICIES_TAG, PolicyCacheService, tenantTag } from '@sentinel/permission';
import { DataSource } from 'typeorm';
import { IdentityBridgeMetrics } from '../metrics/identity-bridge.metrics';
import { ProcessedEventRepository } from '../repositories/processed-event.repository';
import { IDENTITY_EVENTS_CONSUMER, IdentityEventType, type PolicyUpdatedData, type UserEventData } from './identity-event.schemas';

/** Audit event names of applied identity events. */
const AUDIT_EVENT: Record<IdentityEventType, string> = {
  [IdentityEventType.PolicyUpdated]: 'identity.policy_updated',
  [IdentityEventType.UserDeactivated]: 'identity.user_deactivated',
  [IdentityEventType.MembershipRevoked]: 'identity.membership_revoked',
};

interface Effect {
  /** Cache invalidation; throws when Redis fails, so the event is retried. */
  invalidate(): Promise<void>;
  subject: { type: string; id: string };
  properties: Record<string, string | number>;
}

/**
 * Applies identity events exactly once. This is the only state change in Sentinel that passes no
 * permission check: the trust comes from the broker binding (`tenant.<TENANT_ID>.#`) and the
 * envelope's tenant check. The processed-event row and the audit row commit together; the cache
 * invalidation runs inside that transaction, so a failure anywhere rolls back and the broker
 * redelivers, and a redelivery after the commit finds the row and changes nothing.
 */
@Injectable()
export class IdentityEventApplier {
  private readonly logger = new Logger(IdentityEventApplier.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly processedEvents: ProcessedEventRepository,
    private readonly policyCache: PolicyCacheService,
    private readonly audit: AuditTrail,
    private readonly metrics: IdentityBridgeMetrics,
  ) {}

  /** Flushes the tenant's cached policies, so the next request on any service fetches the new one. */
  policyUpdated(envelope: EventEnvelope<PolicyUpdatedData>): Promise<void> {
    const { user_id: userId, version } = envelope.data;
    return this.applyOnce(envelope, {
      invalidate: () => this.policyCache.flushTags(tenantTag(envelope.tenant_id), POLICIES_TAG),
      subject: userId === null ? { type: 'tenant', id: envelope.tenant_id } : { type: 'user', id: userId },
      properties: { version },
    });
  }

  /** `user.deactivated` and `membership.revoked`: the user's cached identity answers and policies go at once. */
  userRemoved(envelope: EventEnvelope<UserEventData>): Promise<void> {
    return this.applyOnce(envelope, {
      invalidate: () => this.policyCache.purgeUser(envelope.data.user_id),
      subject: { type: 'user', id: envelope.data.user_id },
      properties: {},
    });
  }

  private async applyOnce(envelope: EventEnvelope<object>, effect: Effect): Promise<void> {
    const type = envelope.type as IdentityEventType;
    const applied = await this.dataSource.transaction(async (manager) => {
      if (!(await this.processedEvents.claim(manager, IDENTITY_EVENTS_CONSUMER, envelope.id, type))) return false;
      await effect.invalidate();
      await this.audit.record(
        {
          event: AUDIT_EVENT[type],
          actor: { userId: SYSTEM_ACTORS.identityEvents },
          subject: effect.subject,
          properties: { event_id: envelope.id, ...effect.properties },
        },
        manager,
      );
      return true;
    });
    const outcome = applied ? 'applied' : 'duplicate';
    this.metrics.identityEvents.inc({ type, outcome });
    // Event type, id and scope only: no user id, no tenant member data.
    this.logger.log({ type, eventId: envelope.id, outcome, scope: effect.subject.type }, `identity event ${outcome}`);
  }
}
