import { Injectable } from '@nestjs/common';
import { AuditTrail, auditActor } from '@sentinel/audit';
import type { AuthenticatedPrincipal } from '@sentinel/permission';
import { AttachmentNotFoundError, AttachmentPathRefusedError } from '../errors/attachment.errors';
import { MessageNotFoundError } from '../errors/message-not-found.error';
import { MessagesService } from '../messages/messages.service';
import { AttachmentFileRepository, type AttachmentFileRecord } from './attachment-file.repository';
import { AttachmentMetrics } from './attachment.metrics';
import { AttachmentStorage, type OpenedAttachment } from './attachment.storage';
import type { AttachmentFileList } from './attachment.view';

export interface AttachmentDownload extends OpenedAttachment {
  contentType: string;
  storageName: string;
}

/**
 * Reading attachment contents back. The resource guard is the message's own (MessagesService.get:
 * the caller's integration, and for Slack the conversation they are still in), so an attachment is
 * visible exactly when its message is. Every download is written to the audit trail first.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly files: AttachmentFileRepository,
    private readonly messages: MessagesService,
    private readonly storage: AttachmentStorage,
    private readonly audit: AuditTrail,
    private readonly metrics: AttachmentMetrics,
  ) {}

  /** The attachments of one of the caller's messages (404 `message_not_found` otherwise). */
  async listOfMessage(userId: string, messageId: string): Promise<AttachmentFileList> {
    await this.messages.get(userId, messageId);
    const files = await this.files.listOfMessage(messageId);
    return {
      data: files.map((file) => ({
        id: file.id,
        provider_id: file.providerId,
        status: file.status,
        refusal_reason: file.refusalReason,
        content_type: file.contentType,
        size_bytes: file.sizeBytes,
      })),
    };
  }

  async download(principal: AuthenticatedPrincipal, id: string): Promise<AttachmentDownload> {
    try {
      const file = await this.visibleStoredFile(principal.userId, id);
      const opened = await this.storage.open(file.messageId, file.storageName);
      try {
        await this.audit.record({
          event: 'attachment.downloaded',
          actor: auditActor(principal),
          subject: { type: 'message_attachment', id: file.id },
          properties: { message_id: file.messageId, content_type: file.contentType, size_bytes: opened.size },
        });
      } catch (error) {
        await opened.handle.close();
        throw error;
      }
      this.metrics.download('served');
      return { ...opened, contentType: file.contentType, storageName: file.storageName };
    } catch (error) {
      if (error instanceof AttachmentNotFoundError) this.metrics.download('not_found');
      if (error instanceof AttachmentPathRefusedError) this.metrics.download('path_refused');
      throw error;
    }
  }

  private async visibleStoredFile(userId: string, id: string): Promise<AttachmentFileRecord & { contentType: string; storageName: string }> {
    const file = await this.files.findById(id);
    if (!file) throw new AttachmentNotFoundError();
    try {
      await this.messages.get(userId, file.messageId);
    } catch (error) {
      // Someone else's message and a missing one look the same.
      if (error instanceof MessageNotFoundError) throw new AttachmentNotFoundError();
      throw error;
    }
    const { contentType, storageName } = file;
    if (file.status !== 'stored' || contentType === null || storageName === null) throw new AttachmentNotFoundError();
    return { ...file, contentType, storageName };
  }
}
