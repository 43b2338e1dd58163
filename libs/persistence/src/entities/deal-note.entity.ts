import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DealEntity } from './deal.entity';

/** A salesperson's note on a deal; `body` is stored only after sanitizeMarkdown. */
@Entity({ name: 'deal_notes' })
@Index('deal_notes_deal_created_idx', ['dealId', 'createdAt'])
export class DealNoteEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'deal_id' })
  dealId!: string;

  @ManyToOne(() => DealEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deal_id', foreignKeyConstraintName: 'FK_deal_notes_deal' })
  deal?: DealEntity;

  @Column('text', { name: 'author_user_id' })
  authorUserId!: string;

  @Column('text')
  body!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
