import { Injectable } from '@nestjs/common';
import type { AuthenticatedPrincipal } from '@sentinel/permission';
import { OwnerNotRemovableError, TeamMemberNotFoundError } from '../errors/risk.error';
import { DealTeamRepository } from '../repositories/deal-team.repository';
import { DealAccessService } from './deal-access.service';
import { DEAL_TEAMS_MANAGE, DEALS_VIEW } from './deal-permissions';
import type { TeamMemberView } from './deal.view';

/** Explicit deal-team additions and removals on top of the owner the sync writes. */
@Injectable()
export class DealTeamService {
  constructor(
    private readonly access: DealAccessService,
    private readonly team: DealTeamRepository,
  ) {}

  async list(principal: AuthenticatedPrincipal, dealId: string): Promise<TeamMemberView[]> {
    await this.access.assertTeamAccess(principal, dealId, DEALS_VIEW);
    return (await this.team.list(dealId)).map((member) => ({ user_id: member.userId, role: member.role, added_at: member.createdAt.toISOString() }));
  }

  async add(principal: AuthenticatedPrincipal, dealId: string, userId: string): Promise<Omit<TeamMemberView, 'added_at'>> {
    await this.access.assertOwner(principal, dealId, DEAL_TEAMS_MANAGE);
    return { user_id: userId, role: await this.team.addMember(dealId, userId) };
  }

  async remove(principal: AuthenticatedPrincipal, dealId: string, userId: string): Promise<void> {
    await this.access.assertOwner(principal, dealId, DEAL_TEAMS_MANAGE);
    if (await this.team.removeMember(dealId, userId)) return;
    const current = (await this.team.list(dealId)).find((member) => member.userId === userId);
    throw current?.role === 'owner' ? new OwnerNotRemovableError() : new TeamMemberNotFoundError();
  }
}
