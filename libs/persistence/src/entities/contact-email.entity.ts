import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ContactEntity } from './contact.entity';

/**
 * Every address of a live contact (primary and additional), one row each, so the ingest gate
 * resolves all participants with one indexed `(user_id, email = ANY(...))` query. Rows of a
 * deleted contact are removed in the same transaction that marks it deleted.
 */
@Entity({ name: 'contact_emails' })
@Index('contact_emails_user_email_idx', ['userId', 'email'])
export class ContactEmailEntity {
  @PrimaryColumn('uuid', { name: 'contact_id' })
  contactId!: string;

  @PrimaryColumn('text')
  email!: string;

  @ManyToOne(() => ContactEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id', foreignKeyConstraintName: 'FK_contact_emails_contact' })
  contact?: ContactEntity;

  @Column('text', { name: 'user_id' })
  userId!: string;
}
