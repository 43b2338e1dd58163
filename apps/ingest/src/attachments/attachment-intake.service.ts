import { Injectable } from '@nestjs/common';
import { checkUpload, DEFAULT_MAX_UPLOAD_BYTES, safeExtension, UploadRejectedError } from '@sentinel/hardening';
import type { MessageAttachment } from '@sentinel/persistence';
import { randomUUID } from 'node:crypto';
import { AttachmentFileRepository } from './attachment-file.repository';
import { AttachmentStorage } from './attachment.storage';

/** Why an attachment's content was not stored: checkUpload's codes, or gone from the provider. */
export type AttachmentRefusalReason = UploadRejectedError['code'] | 'provider_missing';

export type AttachmentIntakeOutcome = 'stored' | AttachmentRefusalReason | 'already_recorded';

/** Fetches the content from the provider; null when the provider no longer has it. */
export type AttachmentContentFetch = () => Promise<Uint8Array | null>;

/**
 * Decides one attachment of an admitted message: its type comes from its bytes (checkUpload: the
 * allow-list of images, PDF, Office documents and plain text, and the size cap), its extension on
 * disk from the original name (`[a-z0-9]{1,8}`, lowercased, else `bin`). A refused attachment is
 * recorded with its reason and nothing is written; a refusal never affects the message.
 */
@Injectable()
export class AttachmentIntakeService {
  constructor(
    private readonly storage: AttachmentStorage,
    private readonly files: AttachmentFileRepository,
  ) {}

  async take(messageId: string, attachment: MessageAttachment, fetchContent: AttachmentContentFetch): Promise<AttachmentIntakeOutcome> {
    // The declared size is checked first so an oversize attachment is never downloaded.
    if (attachment.size > DEFAULT_MAX_UPLOAD_BYTES) return this.refuse(messageId, attachment, 'too_large');
    const bytes = await fetchContent();
    if (bytes === null) return this.refuse(messageId, attachment, 'provider_missing');
    let mime: string;
    try {
      ({ mime } = checkUpload({ bytes, originalName: attachment.filename, declaredType: attachment.mime_type }));
    } catch (error) {
      if (error instanceof UploadRejectedError) return this.refuse(messageId, attachment, error.code);
      throw error;
    }
    const storageName = await this.storage.write(messageId, safeExtension(attachment.filename), bytes);
    const recorded = await this.files
      .insert({
        id: randomUUID(),
        messageId,
        providerId: attachment.provider_id,
        status: 'stored',
        refusalReason: null,
        contentType: mime,
        sizeBytes: bytes.length,
        storageName,
      })
      .catch(async (error: unknown) => {
        await this.storage.remove(messageId, storageName);
        throw error;
      });
    if (recorded) return 'stored';
    await this.storage.remove(messageId, storageName);
    return 'already_recorded';
  }

  private async refuse(messageId: string, attachment: MessageAttachment, reason: AttachmentRefusalReason): Promise<AttachmentIntakeOutcome> {
    const recorded = await this.files.insert({
      id: randomUUID(),
      messageId,
      providerId: attachment.provider_id,
      status: 'refused',
      refusalReason: reason,
      contentType: null,
      sizeBytes: null,
      storageName: null,
    });
    return recorded ? reason : 'already_recorded';
  }
}
