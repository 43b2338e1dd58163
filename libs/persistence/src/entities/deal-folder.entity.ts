import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { DealEntity } from './deal.entity';

/**
 * A document folder of a deal. `team_access` decides what a deal-team member without an explicit
 * ACL entry gets (deal_folder_acl_entries; docs/deal-documents.md): the folder's documents, or nothing.
 */
@Entity({ name: 'deal_folders' })
@Unique('deal_folders_deal_name_key', ['dealId', 'name'])
export class DealFolderEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'deal_folders_pkey' })
  id!: string;

  @Column('uuid', { name: 'deal_id' })
  dealId!: string;

  @ManyToOne(() => DealEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deal_id', foreignKeyConstraintName: 'FK_deal_folders_deal' })
  deal?: DealEntity;

  @Column('text')
  name!: string;

  @Column('boolean', { name: 'team_access', default: true })
  teamAccess!: boolean;

  @Column('text', { name: 'created_by_user_id' })
  createdByUserId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
