import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DealEntity } from './deal.entity';
import type { MessageDirection } from './message.entity';

/** `slack`/`gmail`/`calendar`/`meeting_bot` for messages (timeline.appended), `note` for deal notes. */
export const TIMELINE_SOURCES = ['slack', 'gmail', 'calendar', 'meeting_bot', 'note'] as const;
export type TimelineSource = (typeof TIMELINE_SOURCES)[number];

/**
 * One item on a deal's timeline. The key (deal, source, message id) makes a redelivered
 * `timeline.appended` collapse to the row already there; aggregates change only when a row is new.
 * `contact_ids` holds the matched contacts that are linked to this deal.
 */
@Entity({ name: 'deal_timeline_entries' })
@Index('deal_timeline_entries_deal_occurred_idx', ['dealId', 'occurredAt'])
@Check('deal_timeline_entries_source_check', `source IN ('slack', 'gmail', 'calendar', 'meeting_bot', 'note')`)
@Check('deal_timeline_entries_direction_check', `direction IS NULL OR direction IN ('inbound', 'outbound')`)
export class DealTimelineEntryEntity {
  @PrimaryColumn('uuid', { name: 'deal_id' })
  dealId!: string;

  @PrimaryColumn('text')
  source!: TimelineSource;

  @PrimaryColumn('uuid', { name: 'message_id' })
  messageId!: string;

  @ManyToOne(() => DealEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deal_id', foreignKeyConstraintName: 'FK_deal_timeline_entries_deal' })
  deal?: DealEntity;

  /** Null for notes. */
  @Column('text', { nullable: true })
  direction!: MessageDirection | null;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  @Column('uuid', { name: 'contact_ids', array: true, default: () => `'{}'` })
  contactIds!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
