import { Body, Controller, Get, Param, ParseUUIDPipe, Put, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type AuthenticatedPrincipal } from '@sentinel/permission';
import { RiskErrorFilter } from '../errors/risk-error.filter';
import { SyncDealTagsDto } from './tag.dto';
import type { DealTagsView } from './tag.view';
import { TagsService } from './tags.service';

@ApiTags('deals')
@ApiBearerAuth()
@Controller('deals/:id/tags')
@UseFilters(RiskErrorFilter)
export class DealTagsController {
  constructor(private readonly tags: TagsService) {}

  /** The whole set (at most 100, as the sync caps it), so not a paged list route. */
  @Get()
  @RequirePermission('crm.deals.view')
  @ApiOperation({ summary: "A deal's tags; 404 if the deal is missing, 403 unless on the deal team." })
  get(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', new ParseUUIDPipe()) id: string): Promise<DealTagsView> {
    return this.tags.dealTags(principal, id);
  }

  @Put()
  @RequirePermission('crm.deal_tags.manage')
  @ApiOperation({ summary: "Replaces a deal's tags; the ids must be distinct and exist (422 invalid_ids naming the bad ones)." })
  sync(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: SyncDealTagsDto): Promise<DealTagsView> {
    return this.tags.sync(principal, id, dto.tag_ids);
  }
}
