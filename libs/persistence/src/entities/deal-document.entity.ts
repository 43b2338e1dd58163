import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DealFolderEntity } from './deal-folder.entity';
import { DealEntity } from './deal.entity';

/**
 * A file uploaded into a deal folder. The bytes live under the tenant-pinned prefix
 * `tenants/<TENANT_ID>/deal-documents/<deal_id>/<storage_name>`; `mime_type` is the type detected
 * from the bytes, the only one the file is served with. `file_name` is the client's name for display
 * only (base name, safe characters, whitelisted extension); it never names anything on disk.
 */
@Entity({ name: 'deal_documents' })
@Index('deal_documents_folder_created_idx', ['folderId', 'createdAt'])
export class DealDocumentEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'deal_documents_pkey' })
  id!: string;

  @Column('uuid', { name: 'deal_id' })
  dealId!: string;

  @ManyToOne(() => DealEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deal_id', foreignKeyConstraintName: 'FK_deal_documents_deal' })
  deal?: DealEntity;

  @Column('uuid', { name: 'folder_id' })
  folderId!: string;

  @ManyToOne(() => DealFolderEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'folder_id', foreignKeyConstraintName: 'FK_deal_documents_folder' })
  folder?: DealFolderEntity;

  /** `<random id>.<safe extension>`, generated; never derived from the client's name beyond the extension. */
  @Column('text', { name: 'storage_name' })
  storageName!: string;

  @Column('text', { name: 'file_name' })
  fileName!: string;

  @Column('text', { name: 'mime_type' })
  mimeType!: string;

  @Column('integer', { name: 'size_bytes' })
  sizeBytes!: number;

  @Column('text', { name: 'uploaded_by_user_id' })
  uploadedByUserId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
