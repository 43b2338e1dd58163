import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DealFolderEntity } from './deal-folder.entity';

export const FOLDER_ACL_EFFECTS = ['allow', 'deny'] as const;
export type FolderAclEffect = (typeof FOLDER_ACL_EFFECTS)[number];

/** One explicit ACL entry of a deal folder for one user; a `deny` beats everything else. */
@Entity({ name: 'deal_folder_acl_entries' })
@Check('deal_folder_acl_entries_effect_check', `effect IN ('allow', 'deny')`)
export class DealFolderAclEntryEntity {
  @PrimaryColumn('uuid', { name: 'folder_id', primaryKeyConstraintName: 'deal_folder_acl_entries_pkey' })
  folderId!: string;

  @PrimaryColumn('text', { name: 'user_id', primaryKeyConstraintName: 'deal_folder_acl_entries_pkey' })
  userId!: string;

  @ManyToOne(() => DealFolderEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'folder_id', foreignKeyConstraintName: 'FK_deal_folder_acl_entries_folder' })
  folder?: DealFolderEntity;

  @Column('text')
  effect!: FolderAclEffect;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
