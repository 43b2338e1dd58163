import { Injectable, Logger } from '@nestjs/common';
import { ConsumeEvent, TIMELINE_APPENDED_EVENT, TimelineAppendedData, type EventEnvelope } from '@sentinel/messaging';
import { TimelineRecorderService } from './timeline-recorder.service';

/** Consumer (queue `sentinel.<TENANT_ID>.risk.timeline`) of the messages ingest stored. */
export const RISK_TIMELINE_QUEUE = 'risk.timeline';

/**
 * Applies each message of a gate batch in its own transaction, in order. A database error throws,
 * so the broker redelivers the whole event; the entry key makes the messages already applied harmless.
 */
@Injectable()
export class TimelineAppendedConsumer {
  private readonly logger = new Logger(TimelineAppendedConsumer.name);

  constructor(private readonly recorder: TimelineRecorderService) {}

  @ConsumeEvent({ queue: RISK_TIMELINE_QUEUE, type: TIMELINE_APPENDED_EVENT, schema: TimelineAppendedData })
  async handle(envelope: EventEnvelope<TimelineAppendedData>): Promise<void> {
    let entries = 0;
    for (const message of envelope.data.messages) entries += await this.recorder.recordMessage(message);
    this.logger.debug({ messages: envelope.data.messages.length, entries }, 'timeline event applied');
  }
}
