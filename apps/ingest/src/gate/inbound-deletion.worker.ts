import { Injectable, Logger } from '@nestjs/common';
import { ConsumeEvent, type EventEnvelope } from '@sentinel/messaging';
import { AttachmentStorage } from '../attachments/attachment.storage';
import { InboundDeletion } from '../inbound/inbound-deletion.event';
import { INBOUND_DELETION_EVENT, INBOUND_QUEUE } from '../inbound/inbound.events';
import { MessageRepository } from '../repositories/message.repository';

/**
 * Applies a provider's deletion to our stored copies, attachment contents first: a failure throws
 * and the deletion is retried while the rows still name what is left to remove.
 */
@Injectable()
export class InboundDeletionWorker {
  private readonly logger = new Logger(InboundDeletionWorker.name);

  constructor(
    private readonly messages: MessageRepository,
    private readonly attachments: AttachmentStorage,
  ) {}

  @ConsumeEvent({ queue: INBOUND_QUEUE, type: INBOUND_DELETION_EVENT, schema: InboundDeletion })
  async handle(envelope: EventEnvelope<InboundDeletion>): Promise<void> {
    for (const id of await this.messages.idsByExternalId(envelope.data.source, envelope.data.external_id)) await this.attachments.removeMessage(id);
    const removed = await this.messages.deleteByExternalId(envelope.data.source, envelope.data.external_id);
    this.logger.log({ source: envelope.data.source, removed }, 'inbound deletion applied');
  }
}
