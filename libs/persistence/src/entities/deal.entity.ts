import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { CrmProvider } from './crm-enums';
import { IntegrationEntity } from './integration.entity';

/** A deal (HubSpot) or opportunity (Salesforce) synced read-only. */
@Entity({ name: 'deals' })
@Unique('deals_integration_external_key', ['integrationId', 'externalId'])
export class DealEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'integration_id' })
  integrationId!: string;

  @ManyToOne(() => IntegrationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'integration_id', foreignKeyConstraintName: 'FK_deals_integration' })
  integration?: IntegrationEntity;

  @Column('text', { name: 'user_id' })
  userId!: string;

  @Column('text')
  provider!: CrmProvider;

  @Column('text', { name: 'external_id' })
  externalId!: string;

  @Column('text', { nullable: true })
  name!: string | null;

  @Column('text', { nullable: true })
  stage!: string | null;

  /** numeric comes back from pg as a string: no float rounding of money. */
  @Column('numeric', { nullable: true })
  amount!: string | null;

  @Column('date', { name: 'close_date', nullable: true })
  closeDate!: string | null;

  @Column('text', { name: 'owner_external_id', nullable: true })
  ownerExternalId!: string | null;

  @Column('timestamptz', { name: 'deleted_at', nullable: true })
  deletedAt!: Date | null;

  @Column('timestamptz', { name: 'external_updated_at', nullable: true })
  externalUpdatedAt!: Date | null;

  @Column('timestamptz', { name: 'synced_at' })
  syncedAt!: Date;
}
