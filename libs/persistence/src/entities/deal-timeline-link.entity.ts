import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { DealEntity } from './deal.entity';

/**
 * A deal's timeline link to another entity. `related_type` is one of the four linkable types of
 * @sentinel/hardening's RelatedType (the CHECK repeats the allow-list, so no other value is stored).
 */
@Entity({ name: 'deal_timeline_links' })
@Unique('deal_timeline_links_target_key', ['dealId', 'relatedType', 'relatedId'])
@Check('deal_timeline_links_related_type_check', `related_type IN ('deal', 'contact', 'message', 'calendar_event')`)
export class DealTimelineLinkEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'deal_timeline_links_pkey' })
  id!: string;

  @Column('uuid', { name: 'deal_id' })
  dealId!: string;

  @ManyToOne(() => DealEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deal_id', foreignKeyConstraintName: 'FK_deal_timeline_links_deal' })
  deal?: DealEntity;

  @Column('text', { name: 'related_type' })
  relatedType!: string;

  @Column('uuid', { name: 'related_id' })
  relatedId!: string;

  @Column('text', { name: 'created_by_user_id' })
  createdByUserId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
