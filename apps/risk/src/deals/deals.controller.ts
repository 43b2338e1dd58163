import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListRoute } from '@sentinel/hardening';
import { CurrentPrincipal, RequirePermission, type AuthenticatedPrincipal } from '@sentinel/permission';
import { RiskErrorFilter } from '../errors/risk-error.filter';
import { CreateNoteDto } from './create-note.dto';
import type { DealView, NoteView, Page, TimelineEntryView } from './deal.view';
import { DealsListQuery, TimelineQuery } from './deals-list.query';
import { DealsService } from './deals.service';

@ApiTags('deals')
@ApiBearerAuth()
@Controller('deals')
@UseFilters(RiskErrorFilter)
export class DealsController {
  constructor(private readonly deals: DealsService) {}

  @Get()
  @RequirePermission('crm.deals.view')
  @ListRoute(DealsListQuery)
  @ApiOperation({ summary: "The caller's deals (their deal teams) with risk, paged (per_page <= 100), sortable, filterable by stage and risk level." })
  list(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Query() query: DealsListQuery): Promise<Page<DealView>> {
    return this.deals.list(principal, query);
  }

  @Get(':id')
  @RequirePermission('crm.deals.view')
  @ApiOperation({ summary: 'One deal with its explained risk; 404 if missing, 403 unless on the deal team.' })
  get(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', new ParseUUIDPipe()) id: string): Promise<DealView> {
    return this.deals.get(principal, id);
  }

  @Get(':id/timeline')
  @RequirePermission('crm.deals.view')
  @ListRoute(TimelineQuery)
  @ApiOperation({ summary: "A deal's timeline (messages and notes), paged; 404 if missing, 403 unless on the deal team." })
  timeline(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: TimelineQuery,
  ): Promise<Page<TimelineEntryView>> {
    return this.deals.timelinePage(principal, id, query);
  }

  @Post(':id/notes')
  @HttpCode(201)
  @RequirePermission('crm.deal_notes.create')
  @ApiOperation({ summary: 'Adds a Markdown note (sanitized) to a deal; 404 if missing, 403 unless on the deal team.' })
  addNote(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: CreateNoteDto,
  ): Promise<NoteView> {
    return this.deals.addNote(principal, id, dto.body);
  }
}
