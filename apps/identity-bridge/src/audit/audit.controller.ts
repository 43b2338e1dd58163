import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListRoute } from '@sentinel/hardening';
import { CurrentPrincipal, RequirePermission, type AuthenticatedPrincipal } from '@sentinel/permission';
import type { AuditPage } from './audit-entry.view';
import { AuditListQuery } from './audit-list.query';
import { AuditQueryService } from './audit-query.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get()
  @RequirePermission('crm.audit.view')
  @ListRoute(AuditListQuery)
  @ApiOperation({ summary: 'The audit trail, paged (per_page <= 100), newest first by default; filter by actor, subject, event and time.' })
  list(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Query() query: AuditListQuery): Promise<AuditPage> {
    return this.audit.list(principal, query);
  }
}
