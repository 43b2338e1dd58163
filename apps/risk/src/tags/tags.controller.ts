import { Body, Controller, Get, HttpCode, Post, Query, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListRoute } from '@sentinel/hardening';
import { CurrentPrincipal, RequirePermission, type AuthenticatedPrincipal } from '@sentinel/permission';
import type { Page } from '../deals/deal.view';
import { RiskErrorFilter } from '../errors/risk-error.filter';
import { CreateTagDto, TagsListQuery } from './tag.dto';
import type { TagView } from './tag.view';
import { TagsService } from './tags.service';

@ApiTags('tags')
@ApiBearerAuth()
@Controller('tags')
@UseFilters(RiskErrorFilter)
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  @Post()
  @HttpCode(201)
  @RequirePermission('crm.tags.manage')
  @ApiOperation({ summary: "Creates a tag of this tenant's deals; 409 if the name is taken." })
  create(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Body() dto: CreateTagDto): Promise<TagView> {
    return this.tags.create(principal, dto.name);
  }

  @Get()
  @RequirePermission('crm.tags.view')
  @ListRoute(TagsListQuery)
  @ApiOperation({ summary: 'The tenant\'s tags, paged (per_page <= 100), by name or creation time.' })
  list(@Query() query: TagsListQuery): Promise<Page<TagView>> {
    return this.tags.list(query);
  }
}
