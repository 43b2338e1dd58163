import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { CrmProvider } from './crm-enums';
import { IntegrationEntity } from './integration.entity';

/** A contact synced read-only from a CRM: the ingest gate's book. */
@Entity({ name: 'contacts' })
@Unique('contacts_integration_external_key', ['integrationId', 'externalId'])
@Index('contacts_user_email_live_idx', ['userId', 'email'], { where: 'deleted_at IS NULL AND email IS NOT NULL' })
export class ContactEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'integration_id' })
  integrationId!: string;

  @ManyToOne(() => IntegrationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'integration_id', foreignKeyConstraintName: 'FK_contacts_integration' })
  integration?: IntegrationEntity;

  @Column('text', { name: 'user_id' })
  userId!: string;

  @Column('text')
  provider!: CrmProvider;

  @Column('text', { name: 'external_id' })
  externalId!: string;

  /** Normalized with normalizeEmail; null when the CRM holds no valid address. */
  @Column('text', { nullable: true })
  email!: string | null;

  @Column('text', { name: 'additional_emails', array: true, default: () => `'{}'` })
  additionalEmails!: string[];

  @Column('text', { name: 'first_name', nullable: true })
  firstName!: string | null;

  @Column('text', { name: 'last_name', nullable: true })
  lastName!: string | null;

  @Column('text', { nullable: true })
  company!: string | null;

  @Column('timestamptz', { name: 'deleted_at', nullable: true })
  deletedAt!: Date | null;

  @Column('timestamptz', { name: 'external_updated_at', nullable: true })
  externalUpdatedAt!: Date | null;

  @Column('timestamptz', { name: 'synced_at' })
  syncedAt!: Date;
}
