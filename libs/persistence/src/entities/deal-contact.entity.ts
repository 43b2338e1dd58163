import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DealEntity } from './deal.entity';

/**
 * A deal's association with a contact, by the contact's external id: the association may arrive
 * before (or without) the contact itself, so a foreign key to contacts would reject valid data.
 * Readers join through `contacts (integration_id, external_id)`; risk looks deals up by contact.
 */
@Entity({ name: 'deal_contacts' })
@Index('deal_contacts_contact_external_idx', ['contactExternalId'])
export class DealContactEntity {
  @PrimaryColumn('uuid', { name: 'deal_id' })
  dealId!: string;

  @PrimaryColumn('text', { name: 'contact_external_id' })
  contactExternalId!: string;

  @ManyToOne(() => DealEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deal_id', foreignKeyConstraintName: 'FK_deal_contacts_deal' })
  deal?: DealEntity;
}
