import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DealEntity } from './deal.entity';

export const DEAL_TEAM_ROLES = ['owner', 'member'] as const;
export type DealTeamRole = (typeof DEAL_TEAM_ROLES)[number];

/**
 * Who may see a deal (besides system administrators): the Sentinel user whose CRM integration
 * synced it (`owner`, written by a trigger on `deals`, so crm-sync needs no code for it) and
 * explicitly added members. CRM owner ids (`deals.owner_external_id`) are never mapped to users.
 */
@Entity({ name: 'deal_team_members' })
@Index('deal_team_members_user_idx', ['userId'])
@Check('deal_team_members_role_check', `role IN ('owner', 'member')`)
export class DealTeamMemberEntity {
  @PrimaryColumn('uuid', { name: 'deal_id' })
  dealId!: string;

  @PrimaryColumn('text', { name: 'user_id' })
  userId!: string;

  @ManyToOne(() => DealEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deal_id', foreignKeyConstraintName: 'FK_deal_team_members_deal' })
  deal?: DealEntity;

  @Column('text')
  role!: DealTeamRole;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
