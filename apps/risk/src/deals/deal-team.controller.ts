import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Put, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type AuthenticatedPrincipal } from '@sentinel/permission';
import { RiskErrorFilter } from '../errors/risk-error.filter';
import type { TeamMemberView } from './deal.view';
import { DealTeamMemberParams } from './deal-team.params';
import { DealTeamService } from './deal-team.service';

@ApiTags('deals')
@ApiBearerAuth()
@Controller('deals/:id/team')
@UseFilters(RiskErrorFilter)
export class DealTeamController {
  constructor(private readonly team: DealTeamService) {}

  @Get()
  @RequirePermission('crm.deals.view')
  @ApiOperation({ summary: "A deal's team (owner from the CRM sync, explicitly added members); team members only." })
  list(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', new ParseUUIDPipe()) id: string): Promise<TeamMemberView[]> {
    return this.team.list(principal, id);
  }

  @Put(':user_id')
  @RequirePermission('crm.deal_teams.manage')
  @ApiOperation({ summary: 'Adds a member to the deal team (idempotent); the owner or an administrator only.' })
  add(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param() params: DealTeamMemberParams): Promise<Omit<TeamMemberView, 'added_at'>> {
    return this.team.add(principal, params.id, params.user_id);
  }

  @Delete(':user_id')
  @HttpCode(204)
  @RequirePermission('crm.deal_teams.manage')
  @ApiOperation({ summary: 'Removes an added member; the owner (from the CRM sync) cannot be removed.' })
  remove(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param() params: DealTeamMemberParams): Promise<void> {
    return this.team.remove(principal, params.id, params.user_id);
  }
}
