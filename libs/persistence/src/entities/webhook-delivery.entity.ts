import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity';

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'queued', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * The outbox of outbound webhooks: one row per (subscription, event), written in the transaction
 * of the change that caused the event. `pending` rows are relayed to the broker (`queued`); the
 * delivery consumer settles them as `delivered` or, after bounded attempts, `failed`.
 * `payload` holds ids only, never a body.
 */
@Entity({ name: 'webhook_deliveries' })
@Unique('webhook_deliveries_subscription_event_key', ['subscriptionId', 'eventId'])
@Index('webhook_deliveries_status_created_idx', ['status', 'createdAt'])
@Check('webhook_deliveries_status_check', `status IN ('pending', 'queued', 'delivered', 'failed')`)
export class WebhookDeliveryEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'subscription_id' })
  subscriptionId!: string;

  @ManyToOne(() => WebhookSubscriptionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscription_id', foreignKeyConstraintName: 'FK_webhook_deliveries_subscription' })
  subscription?: WebhookSubscriptionEntity;

  /** Shared by every subscription's copy of one event: the receivers' dedup key. */
  @Column('uuid', { name: 'event_id' })
  eventId!: string;

  @Column('text', { name: 'event_type' })
  eventType!: string;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  @Column('jsonb')
  payload!: Record<string, unknown>;

  @Column('text', { default: 'pending' })
  status!: WebhookDeliveryStatus;

  @Column('integer', { default: 0 })
  attempts!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
