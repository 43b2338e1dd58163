import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListRoute } from '@sentinel/hardening';
import { CurrentPrincipal, RequirePermission, type AuthenticatedPrincipal } from '@sentinel/permission';
import type { Page } from '../deals/deal.view';
import { RiskErrorFilter } from '../errors/risk-error.filter';
import { CreateTimelineLinkDto, TimelineLinksQuery, type TimelineLinkView } from './timeline-link.dto';
import { TimelineLinksService } from './timeline-links.service';

@ApiTags('deals')
@ApiBearerAuth()
@Controller('deals/:id/timeline/links')
@UseFilters(RiskErrorFilter)
export class TimelineLinksController {
  constructor(private readonly links: TimelineLinksService) {}

  @Post()
  @HttpCode(201)
  @RequirePermission('crm.deal_links.create')
  @ApiOperation({ summary: 'Links the deal to a deal, contact, message or calendar_event of its user (idempotent); any other related_type is a 422.' })
  create(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CreateTimelineLinkDto): Promise<TimelineLinkView> {
    return this.links.create(principal, id, dto);
  }

  @Get()
  @RequirePermission('crm.deals.view')
  @ListRoute(TimelineLinksQuery)
  @ApiOperation({ summary: "A deal's timeline links, paged; 404 if the deal is missing, 403 unless on the deal team." })
  list(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', new ParseUUIDPipe()) id: string, @Query() query: TimelineLinksQuery): Promise<Page<TimelineLinkView>> {
    return this.links.list(principal, id, query);
  }
}
