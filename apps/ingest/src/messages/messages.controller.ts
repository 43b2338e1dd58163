import { Controller, Get, Param, ParseUUIDPipe, Query, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListRoute } from '@sentinel/hardening';
import { CurrentPrincipal, RequirePermission, type AuthenticatedPrincipal } from '@sentinel/permission';
import { IngestErrorFilter } from '../errors/ingest-error.filter';
import type { MessagePage, MessageView } from './message.view';
import { MessagesListQuery } from './messages-list.query';
import { MessagesService } from './messages.service';

@ApiTags('messages')
@ApiBearerAuth()
@Controller('messages')
@UseFilters(IngestErrorFilter)
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Get()
  @RequirePermission('crm.messages.view')
  @ListRoute(MessagesListQuery)
  @ApiOperation({ summary: "The caller's admitted messages, paged (per_page <= 100), sortable, filterable by contact." })
  list(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Query() query: MessagesListQuery): Promise<MessagePage> {
    return this.messages.list(principal.userId, query);
  }

  @Get(':id')
  @RequirePermission('crm.messages.view')
  @ApiOperation({ summary: "One of the caller's messages; 404 for anyone else's, and for a Slack conversation they are not in." })
  get(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', new ParseUUIDPipe()) id: string): Promise<MessageView> {
    return this.messages.get(principal.userId, id);
  }
}
