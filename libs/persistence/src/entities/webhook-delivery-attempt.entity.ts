import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';

/** One attempt at a delivery: the delivery log. Status code, duration and outcome token; never a body. */
@Entity({ name: 'webhook_delivery_attempts' })
@Index('webhook_delivery_attempts_subscription_idx', ['subscriptionId', 'attemptedAt'])
export class WebhookDeliveryAttemptEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'delivery_id' })
  deliveryId!: string;

  @ManyToOne(() => WebhookDeliveryEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id', foreignKeyConstraintName: 'FK_webhook_delivery_attempts_delivery' })
  delivery?: WebhookDeliveryEntity;

  @Column('uuid', { name: 'subscription_id' })
  subscriptionId!: string;

  @Column('integer')
  attempt!: number;

  @Column('text')
  outcome!: string;

  /** Null when no response came (timeout, network error, refused target, open circuit). */
  @Column('integer', { name: 'status_code', nullable: true })
  statusCode!: number | null;

  @Column('integer', { name: 'duration_ms' })
  durationMs!: number;

  @Column('timestamptz', { name: 'attempted_at' })
  attemptedAt!: Date;
}
