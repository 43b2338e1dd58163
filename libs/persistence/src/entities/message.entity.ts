import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { IntegrationEntity } from './integration.entity';

/** Where an admitted message came from. Stored as text with a CHECK, like integrations.provider. */
export const MESSAGE_SOURCES = ['slack', 'gmail', 'calendar', 'meeting_bot'] as const;
export type MessageSource = (typeof MESSAGE_SOURCES)[number];

export const MESSAGE_DIRECTIONS = ['inbound', 'outbound'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

/** Metadata of one attachment of a stored message; the content stays with the provider. */
export interface MessageAttachment {
  filename: string;
  mime_type: string;
  size: number;
  /** The provider's id to fetch the content with (Gmail attachmentId). */
  provider_id: string;
}

/**
 * A message admitted by the ingest gate: at least one participant matched a CRM contact of the
 * user when it arrived. `matched_contact_ids` records that decision and is never rewritten when
 * the contact book changes later. The two unique keys make redelivery collapse to one row.
 */
@Entity({ name: 'messages' })
@Unique('messages_user_source_external_key', ['userId', 'source', 'externalId'])
@Index('messages_user_slack_event_key', ['userId', 'slackEventId'], { unique: true, where: 'slack_event_id IS NOT NULL' })
@Index('messages_user_occurred_idx', ['userId', 'occurredAt'])
// GIN over matched_contact_ids, created by migration 1764640000000 (TypeORM cannot declare GIN).
@Index('messages_matched_contact_ids_gin', { synchronize: false })
@Check('messages_source_check', `source IN ('slack', 'gmail', 'calendar', 'meeting_bot')`)
@Check('messages_direction_check', `direction IN ('inbound', 'outbound')`)
export class MessageEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'user_id' })
  userId!: string;

  @Column('uuid', { name: 'integration_id' })
  integrationId!: string;

  @ManyToOne(() => IntegrationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'integration_id', foreignKeyConstraintName: 'FK_messages_integration' })
  integration?: IntegrationEntity;

  @Column('text')
  source!: MessageSource;

  @Column('text', { name: 'external_id' })
  externalId!: string;

  @Column('text', { name: 'slack_event_id', nullable: true })
  slackEventId!: string | null;

  @Column('text', { name: 'slack_channel_id', nullable: true })
  slackChannelId!: string | null;

  @Column('text', { name: 'thread_id', nullable: true })
  threadId!: string | null;

  @Column('text', { nullable: true })
  subject!: string | null;

  @Column('text', { name: 'body_text' })
  bodyText!: string;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  @Column('text')
  direction!: MessageDirection;

  @Column('uuid', { name: 'matched_contact_ids', array: true })
  matchedContactIds!: string[];

  @Column('integer', { name: 'participants_count' })
  participantsCount!: number;

  /** Attachment metadata only; the content stays with the provider. */
  @Column('jsonb', { default: () => `'[]'` })
  attachments!: MessageAttachment[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
