import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DealEntity } from './deal.entity';
import { TagEntity } from './tag.entity';

/** A tag on a deal; the set is replaced as a whole by the tag sync route. */
@Entity({ name: 'deal_tags' })
@Index('deal_tags_tag_idx', ['tagId'])
export class DealTagEntity {
  @PrimaryColumn('uuid', { name: 'deal_id', primaryKeyConstraintName: 'deal_tags_pkey' })
  dealId!: string;

  @PrimaryColumn('uuid', { name: 'tag_id', primaryKeyConstraintName: 'deal_tags_pkey' })
  tagId!: string;

  @ManyToOne(() => DealEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deal_id', foreignKeyConstraintName: 'FK_deal_tags_deal' })
  deal?: DealEntity;

  @ManyToOne(() => TagEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tag_id', foreignKeyConstraintName: 'FK_deal_tags_tag' })
  tag?: TagEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
