import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * An event a consumer has applied, written in the same transaction as the event's effects:
 * a redelivered event finds its row and is acknowledged without being applied again.
 */
@Entity({ name: 'processed_events' })
export class ProcessedEventEntity {
  @PrimaryColumn('text')
  consumer!: string;

  @PrimaryColumn('text', { name: 'event_id' })
  eventId!: string;

  @Column('text', { name: 'event_type' })
  eventType!: string;

  @CreateDateColumn({ name: 'processed_at', type: 'timestamptz' })
  processedAt!: Date;
}
