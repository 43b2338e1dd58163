import { Injectable, Logger } from '@nestjs/common';
import { ConsumeEvent, TIMELINE_APPENDED_EVENT, TimelineAppendedData, type EventEnvelope } from '@sentinel/messaging';
import { TimelineRecorderService } from './timeline-recorder.service';

/** Consumer (queue `sentinel.<TENANT_ID>.risk.timeline`) of the messages ingest stored. */
export const RISK_TIMELINE_QUEUE = 'risk.timeline';

/** A database error throws, so the broker redelivers; the entry key makes that harmless. */
@Injectable()
export class TimelineAppendedConsumer {
  private readonly logger = new Logger(TimelineAppendedConsumer.name);

  constructor(private readonly recorder: TimelineRecorderService) {}

  @ConsumeEvent({ queue: RISK_TIMELINE_QUEUE, type: TIMELINE_APPENDED_EVENT, schema: TimelineAppendedData })
  async handle(envelope: EventEnvelope<TimelineAppendedData>): Promise<void> {
    const entries = await this.recorder.recordMessage(envelope.data);
    this.logger.debug({ source: envelope.data.source, entries }, 'timeline event applied');
  }
}
