import { Injectable } from '@nestjs/common';
import { ConsumeEvent, type EventEnvelope } from '@sentinel/messaging';
import { IdentityEventApplier } from './identity-event.applier';
import { IDENTITY_EVENTS_CONSUMER, IdentityEventType, PolicyUpdatedData, UserEventData } from './identity-event.schemas';

/**
 * Handlers of the tenant's identity event queue. The messaging library validates each event
 * against its schema first (an invalid one is dead-lettered with the reason) and acknowledges
 * unknown types; a handler that throws is retried with backoff.
 */
@Injectable()
export class IdentityEventsConsumer {
  constructor(private readonly applier: IdentityEventApplier) {}

  @ConsumeEvent({ queue: IDENTITY_EVENTS_CONSUMER, type: IdentityEventType.PolicyUpdated, schema: PolicyUpdatedData })
  onPolicyUpdated(envelope: EventEnvelope<PolicyUpdatedData>): Promise<void> {
    return this.applier.policyUpdated(envelope);
  }

  @ConsumeEvent({ queue: IDENTITY_EVENTS_CONSUMER, type: IdentityEventType.UserDeactivated, schema: UserEventData })
  onUserDeactivated(envelope: EventEnvelope<UserEventData>): Promise<void> {
    return this.applier.userRemoved(envelope);
  }

  @ConsumeEvent({ queue: IDENTITY_EVENTS_CONSUMER, type: IdentityEventType.MembershipRevoked, schema: UserEventData })
  onMembershipRevoked(envelope: EventEnvelope<UserEventData>): Promise<void> {
    return this.applier.userRemoved(envelope);
  }
}
