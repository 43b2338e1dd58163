import { Injectable, Logger } from '@nestjs/common';
import { CONTACTS_SYNCED_EVENT, ConsumeEvent, ContactsSyncedData, type EventEnvelope } from '@sentinel/messaging';
import { RISK_TIMELINE_QUEUE } from './timeline-appended.consumer';
import { TimelineRecorderService } from './timeline-recorder.service';

/** After each CRM sync run, earlier messages join the deals the run linked them to. */
@Injectable()
export class ContactsSyncedConsumer {
  private readonly logger = new Logger(ContactsSyncedConsumer.name);

  constructor(private readonly recorder: TimelineRecorderService) {}

  @ConsumeEvent({ queue: RISK_TIMELINE_QUEUE, type: CONTACTS_SYNCED_EVENT, schema: ContactsSyncedData })
  async handle(envelope: EventEnvelope<ContactsSyncedData>): Promise<void> {
    const entries = await this.recorder.backfillIntegration(envelope.data.integration_id);
    this.logger.debug({ provider: envelope.data.provider, entries }, 'timeline backfill after sync');
  }
}
