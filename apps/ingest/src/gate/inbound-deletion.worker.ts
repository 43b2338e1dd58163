import { Injectable, Logger } from '@nestjs/common';
import { ConsumeEvent, type EventEnvelope } from '@sentinel/messaging';
import { InboundDeletion } from '../inbound/inbound-deletion.event';
import { INBOUND_DELETION_EVENT, INBOUND_QUEUE } from '../inbound/inbound.events';
import { MessageRepository } from '../repositories/message.repository';

/** Applies a provider's deletion to our stored copies. A database error throws, so it is retried. */
@Injectable()
export class InboundDeletionWorker {
  private readonly logger = new Logger(InboundDeletionWorker.name);

  constructor(private readonly messages: MessageRepository) {}

  @ConsumeEvent({ queue: INBOUND_QUEUE, type: INBOUND_DELETION_EVENT, schema: InboundDeletion })
  async handle(envelope: EventEnvelope<InboundDeletion>): Promise<void> {
    const removed = await this.messages.deleteByExternalId(envelope.data.source, envelope.data.external_id);
    this.logger.log({ source: envelope.data.source, removed }, 'inbound deletion applied');
  }
}
