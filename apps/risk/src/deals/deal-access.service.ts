import { Inject, Injectable } from '@nestjs/common';
import { expandPermission, type AuthenticatedPrincipal } from '@sentinel/permission';
import { DealAccessDeniedException } from '../errors/deal-access-denied.exception';
import { DealNotFoundError } from '../errors/risk.error';
import { DealReadRepository } from '../repositories/deal-read.repository';

export const RISK_TENANT_ID = Symbol('risk.tenant-id');

/**
 * The deal-team guard (explicit deny): a missing or deleted deal is 404 for everyone; an existing
 * deal is readable by its team (deal_team_members) and system administrators, anyone else gets
 * the structured 403 with `resource_type: deals`.
 */
@Injectable()
export class DealAccessService {
  constructor(
    private readonly deals: DealReadRepository,
    @Inject(RISK_TENANT_ID) private readonly tenantId: string,
  ) {}

  async assertTeamAccess(principal: AuthenticatedPrincipal, dealId: string, permission: string): Promise<void> {
    if (!(await this.deals.exists(dealId))) throw new DealNotFoundError();
    if (principal.isSystemAdmin || (await this.deals.isTeamMember(dealId, principal.userId))) return;
    throw new DealAccessDeniedException(expandPermission(this.tenantId, permission), principal.userId, dealId);
  }
}
