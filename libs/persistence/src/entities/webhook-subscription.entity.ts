import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A customer endpoint that receives signed outbound webhooks (apps/risk). `secret` is a secret
 * envelope bound to this row and column; the plaintext is shown once, on create. The circuit
 * columns are the per-endpoint breaker, shared by every replica.
 */
@Entity({ name: 'webhook_subscriptions' })
export class WebhookSubscriptionEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'target_url' })
  targetUrl!: string;

  @Column('text', { array: true })
  events!: string[];

  @Column('text')
  secret!: string;

  @Column('boolean', { default: true })
  active!: boolean;

  @Column('text', { name: 'created_by' })
  createdBy!: string;

  /** Failed deliveries in a row; reset by a success. */
  @Column('integer', { name: 'consecutive_failures', default: 0 })
  consecutiveFailures!: number;

  /** When the circuit last opened (or a half-open trial was claimed); null while closed. */
  @Column('timestamptz', { name: 'circuit_opened_at', nullable: true })
  circuitOpenedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
