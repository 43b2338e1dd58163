import { Injectable } from '@nestjs/common';
import { EventPublisher } from '@sentinel/messaging';
import type { MessageDirection, MessageSource } from '@sentinel/persistence';
import { TIMELINE_APPENDED_EVENT } from '../inbound/inbound.events';

export interface TimelineAppended {
  message_id: string;
  user_id: string;
  integration_id: string;
  source: MessageSource;
  direction: MessageDirection;
  occurred_at: string;
  matched_contact_ids: string[];
}

/** Tells risk that a message joined a timeline: ids, time, direction and source, never the body. */
@Injectable()
export class TimelinePublisher {
  constructor(private readonly publisher: EventPublisher) {}

  async appended(events: readonly TimelineAppended[]): Promise<void> {
    // The message id is the event id, so a republish after a lost confirm is deduplicated downstream.
    await Promise.all(
      events.map((event) =>
        this.publisher.publish(TIMELINE_APPENDED_EVENT, event, { id: `timeline:${event.message_id}`, occurredAt: new Date(event.occurred_at) }),
      ),
    );
  }
}
