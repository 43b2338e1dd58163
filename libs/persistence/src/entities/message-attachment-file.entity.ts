import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { MessageEntity } from './message.entity';

export const ATTACHMENT_FILE_STATUSES = ['stored', 'refused'] as const;
export type AttachmentFileStatus = (typeof ATTACHMENT_FILE_STATUSES)[number];

/**
 * The content of one attachment of an admitted message: stored under the tenant's pinned storage
 * prefix with the type its bytes revealed, or refused with a reason token (nothing on disk). The
 * file name on disk is generated (`<random id>.<safe extension>`), never the sender's.
 */
@Entity({ name: 'message_attachment_files' })
@Unique('message_attachment_files_message_provider_key', ['messageId', 'providerId'])
@Check('message_attachment_files_status_check', `status IN ('stored', 'refused')`)
export class MessageAttachmentFileEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_message_attachment_files' })
  id!: string;

  @Column('uuid', { name: 'message_id' })
  messageId!: string;

  @ManyToOne(() => MessageEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id', foreignKeyConstraintName: 'FK_message_attachment_files_message' })
  message?: MessageEntity;

  /** The provider's attachment id (Gmail attachmentId), as in messages.attachments. */
  @Column('text', { name: 'provider_id' })
  providerId!: string;

  @Column('text')
  status!: AttachmentFileStatus;

  /** Why it was not stored (`too_large`, `type_not_allowed`, `type_unknown`, `empty`, `provider_missing`). */
  @Column('text', { name: 'refusal_reason', nullable: true })
  refusalReason!: string | null;

  /** The type detected from the bytes: the only Content-Type it is served with. */
  @Column('text', { name: 'content_type', nullable: true })
  contentType!: string | null;

  @Column('integer', { name: 'size_bytes', nullable: true })
  sizeBytes!: number | null;

  /** `<random id>.<extension>` inside `tenants/<TENANT_ID>/attachments/<message id>/`. */
  @Column('text', { name: 'storage_name', nullable: true })
  storageName!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
