import { Inject, Injectable } from '@nestjs/common';
import type { DealTeamRole } from '@sentinel/persistence';
import { expandPermission, type AuthenticatedPrincipal } from '@sentinel/permission';
import { DealAccessDeniedException } from '../errors/deal-access-denied.exception';
import { DealNotFoundError } from '../errors/risk.error';
import { DealReadRepository } from '../repositories/deal-read.repository';

export const RISK_TENANT_ID = Symbol('risk.tenant-id');

/**
 * The deal-team guard (explicit deny): a missing or deleted deal is 404 for everyone; an existing
 * deal is readable by its team (deal_team_members) and system administrators, anyone else gets
 * the structured 403 with `resource_type: deals`. Only owners (and administrators) change the team.
 */
@Injectable()
export class DealAccessService {
  constructor(
    private readonly deals: DealReadRepository,
    @Inject(RISK_TENANT_ID) private readonly tenantId: string,
  ) {}

  async assertTeamAccess(principal: AuthenticatedPrincipal, dealId: string, permission: string): Promise<void> {
    await this.assertRole(principal, dealId, permission, ['owner', 'member']);
  }

  /** Changing the team is the owner's (or an administrator's) call; members may only read. */
  async assertOwner(principal: AuthenticatedPrincipal, dealId: string, permission: string): Promise<void> {
    await this.assertRole(principal, dealId, permission, ['owner']);
  }

  private async assertRole(principal: AuthenticatedPrincipal, dealId: string, permission: string, roles: readonly DealTeamRole[]): Promise<void> {
    if (!(await this.deals.exists(dealId))) throw new DealNotFoundError();
    if (principal.isSystemAdmin) return;
    const role = await this.deals.teamRole(dealId, principal.userId);
    if (role !== null && roles.includes(role)) return;
    throw new DealAccessDeniedException(expandPermission(this.tenantId, permission), principal.userId, dealId);
  }
}
