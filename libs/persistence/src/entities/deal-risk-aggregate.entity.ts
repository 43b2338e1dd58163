import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { DealEntity } from './deal.entity';

/**
 * Per-deal figures the risk rules read, kept current incrementally: message columns in the same
 * transaction as each new timeline entry (apps/risk), stage columns by a trigger on `deals`.
 * Every message column is order-independent (counts, min/max, the two latest, a set), so events
 * arriving late or twice leave the same row as a recomputation from the entries.
 */
@Entity({ name: 'deal_risk_aggregates' })
export class DealRiskAggregateEntity {
  @PrimaryColumn('uuid', { name: 'deal_id' })
  dealId!: string;

  @OneToOne(() => DealEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deal_id', foreignKeyConstraintName: 'FK_deal_risk_aggregates_deal' })
  deal?: DealEntity;

  @Column('text', { nullable: true })
  stage!: string | null;

  /** When this stage was first seen by a sync (the database clock). */
  @Column('timestamptz', { name: 'stage_since', nullable: true })
  stageSince!: Date | null;

  @Column('integer', { name: 'inbound_count', default: 0 })
  inboundCount!: number;

  @Column('integer', { name: 'outbound_count', default: 0 })
  outboundCount!: number;

  @Column('timestamptz', { name: 'first_inbound_at', nullable: true })
  firstInboundAt!: Date | null;

  @Column('timestamptz', { name: 'last_inbound_at', nullable: true })
  lastInboundAt!: Date | null;

  /** Second-latest inbound time (ties kept): with the latest, the newest reply gap. */
  @Column('timestamptz', { name: 'previous_inbound_at', nullable: true })
  previousInboundAt!: Date | null;

  @Column('timestamptz', { name: 'last_outbound_at', nullable: true })
  lastOutboundAt!: Date | null;

  @Column('timestamptz', { name: 'last_meeting_at', nullable: true })
  lastMeetingAt!: Date | null;

  /** Contacts of the deal seen on inbound items, sorted. */
  @Column('uuid', { name: 'engaged_contact_ids', array: true, default: () => `'{}'` })
  engagedContactIds!: string[];

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
