import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One audit trail row. Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and chained:
 * `hash = sha256(canonical(content) || previous_hash)`, `seq` gapless, so an edited, deleted or
 * reordered row breaks the chain (see @sentinel/audit). `properties` never carries PII.
 */
@Entity({ name: 'activity_log' })
@Index('activity_log_actor_idx', ['actorUserId', 'seq'])
@Index('activity_log_subject_idx', ['subjectType', 'subjectId', 'seq'])
@Index('activity_log_event_idx', ['event', 'seq'])
@Index('activity_log_occurred_idx', ['occurredAt'])
export class ActivityLogEntity {
  /** Position in the chain: 1, 2, 3... assigned under the append lock. */
  @PrimaryColumn('bigint')
  seq!: string;

  @Column('text')
  event!: string;

  @Column('text', { name: 'actor_user_id' })
  actorUserId!: string;

  /** The administrator acting on the actor's behalf, from the token. */
  @Column('text', { name: 'impersonator_id', nullable: true })
  impersonatorId!: string | null;

  @Column('text', { name: 'subject_type' })
  subjectType!: string;

  @Column('text', { name: 'subject_id' })
  subjectId!: string;

  @Column('jsonb')
  properties!: Record<string, unknown>;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  @Column('char', { name: 'previous_hash', length: 64 })
  previousHash!: string;

  @Column('char', { length: 64 })
  hash!: string;
}
