import { Injectable, Logger } from '@nestjs/common';
import { ConsumeEvent, TimelineAppendedData, TIMELINE_APPENDED_EVENT, type EventEnvelope } from '@sentinel/messaging';
import type { gmail_v1 } from 'googleapis';
import { SourceUnusableError } from '../errors/source.errors';
import { ATTACHMENTS_QUEUE } from '../inbound/inbound.events';
import { MessageReadRepository, type MessageRecord } from '../repositories/message-read.repository';
import { SourceIntegrationRepository } from '../repositories/source-integration.repository';
import { GoogleClientFactory } from '../sources/google/google-client.factory';
import { statusOf } from '../sources/google/google-error.status';
import { AttachmentFileRepository } from './attachment-file.repository';
import { AttachmentIntakeService } from './attachment-intake.service';
import { AttachmentMetrics } from './attachment.metrics';
import { AttachmentStorage } from './attachment.storage';

/**
 * Fetches the attachment contents of each admitted Gmail message, read-only through
 * `users.messages.attachments.get`. `timeline.appended` (one event per gate batch) is the admission
 * signal: mail that did not pass the gate is never downloaded. Attachments already recorded are
 * skipped, so a redelivered event or a retry after a provider error only fetches what is missing.
 */
@Injectable()
export class AttachmentFetchWorker {
  private readonly logger = new Logger(AttachmentFetchWorker.name);

  constructor(
    private readonly messages: MessageReadRepository,
    private readonly files: AttachmentFileRepository,
    private readonly integrations: SourceIntegrationRepository,
    private readonly clients: GoogleClientFactory,
    private readonly intake: AttachmentIntakeService,
    private readonly storage: AttachmentStorage,
    private readonly metrics: AttachmentMetrics,
  ) {}

  @ConsumeEvent({ queue: ATTACHMENTS_QUEUE, type: TIMELINE_APPENDED_EVENT, schema: TimelineAppendedData })
  async handle(envelope: EventEnvelope<TimelineAppendedData>): Promise<void> {
    if (!this.storage.enabled) return;
    const gmail = envelope.data.messages.filter((admitted) => admitted.source === 'gmail').map((admitted) => ({ userId: admitted.user_id, messageId: admitted.message_id }));
    // One query finds the batch's messages with attachments; then one message at a time: a failure
    // retries the whole event, and what was already taken is skipped then.
    for (const message of await this.messages.findOwnedWithAttachments(gmail)) await this.fetchFor(message);
  }

  private async fetchFor(message: MessageRecord): Promise<void> {
    const recorded = await this.files.recordedProviderIds(message.id);
    const pending = message.attachments.filter((attachment) => !recorded.has(attachment.provider_id));
    if (pending.length === 0) return;
    const integration = await this.integrations.connectedGmailById(message.integrationId);
    if (!integration) return;
    let gmail: gmail_v1.Gmail;
    try {
      gmail = this.clients.clients(integration).gmail;
    } catch (error) {
      if (!(error instanceof SourceUnusableError)) throw error;
      // No usable token: a retry cannot help; the metadata stays, the content is not fetched.
      this.logger.warn({ integration_id: integration.integrationId }, 'attachments not fetched: integration unusable');
      return;
    }
    for (const attachment of pending) {
      const outcome = await this.intake.take(message.id, attachment, () => fetchAttachment(gmail, message.externalId, attachment.provider_id));
      this.metrics.taken(outcome);
    }
  }
}

/** The attachment's bytes (Gmail sends base64url `data`); null when Gmail no longer has it. */
async function fetchAttachment(gmail: gmail_v1.Gmail, messageId: string, attachmentId: string): Promise<Uint8Array | null> {
  try {
    const { data } = await gmail.users.messages.attachments.get({ userId: 'me', messageId, id: attachmentId });
    return Buffer.from(data.data ?? '', 'base64url');
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}
