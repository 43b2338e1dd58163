import { Injectable } from '@nestjs/common';
import { EventPublisher, TIMELINE_APPENDED_EVENT, TIMELINE_APPENDED_MAX_MESSAGES, type TimelineAppendedData, type TimelineAppendedMessage } from '@sentinel/messaging';
import { createHash } from 'node:crypto';

/**
 * Tells risk (and the attachment fetcher) which messages joined a timeline: ids, time, direction
 * and source, never the body. A gate batch's messages travel as ONE confirmed event, not one each:
 * per stored message that saves a publish, a confirm and a delivery to every consumer queue.
 */
@Injectable()
export class TimelinePublisher {
  constructor(private readonly publisher: EventPublisher) {}

  async appended(messages: readonly TimelineAppendedMessage[]): Promise<void> {
    const publishes: Array<Promise<unknown>> = [];
    for (let start = 0; start < messages.length; start += TIMELINE_APPENDED_MAX_MESSAGES) {
      const data: TimelineAppendedData = { messages: messages.slice(start, start + TIMELINE_APPENDED_MAX_MESSAGES) };
      publishes.push(this.publisher.publish(TIMELINE_APPENDED_EVENT, data, { id: eventIdOf(data) }));
    }
    await Promise.all(publishes);
  }
}

/** Derived from the message ids, so republishing the same batch after a lost confirm carries the same id. */
function eventIdOf(data: TimelineAppendedData): string {
  const digest = createHash('sha256');
  for (const message of data.messages) digest.update(message.message_id);
  return `timeline:${digest.digest('hex').slice(0, 32)}`;
}
