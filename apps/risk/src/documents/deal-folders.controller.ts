import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListRoute } from '@sentinel/hardening';
import { CurrentPrincipal, RequirePermission, type AuthenticatedPrincipal } from '@sentinel/permission';
import type { Page } from '../deals/deal.view';
import { RiskErrorFilter } from '../errors/risk-error.filter';
import { DealFoldersService } from './deal-folders.service';
import { DealFolderParams } from './document-route.params';
import type { FolderAclView, FolderView } from './document.view';
import { FoldersListQuery } from './documents-list.query';
import { CreateFolderDto, ReplaceFolderAclDto } from './folder.dto';

@ApiTags('deal documents')
@ApiBearerAuth()
@Controller('deals/:id/folders')
@UseFilters(RiskErrorFilter)
export class DealFoldersController {
  constructor(private readonly folders: DealFoldersService) {}

  @Post()
  @HttpCode(201)
  @RequirePermission('crm.deal_folders.manage')
  @ApiOperation({ summary: "Creates a document folder on a deal (team_access defaults to true); the deal's owner or an administrator only." })
  create(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CreateFolderDto): Promise<FolderView> {
    return this.folders.create(principal, id, dto);
  }

  @Get()
  @RequirePermission('crm.deal_documents.view')
  @ListRoute(FoldersListQuery)
  @ApiOperation({ summary: "The deal's folders the caller may open, paged; 404 if the deal is missing, 403 unless on the deal team." })
  list(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', new ParseUUIDPipe()) id: string, @Query() query: FoldersListQuery): Promise<Page<FolderView>> {
    return this.folders.list(principal, id, query);
  }

  @Get(':folder_id/acl')
  @RequirePermission('crm.deal_folders.manage')
  @ApiOperation({ summary: "A folder's ACL (team access and explicit allow/deny entries); owner or administrator; a missing folder is 403." })
  acl(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param() params: DealFolderParams): Promise<FolderAclView> {
    return this.folders.acl(principal, params.id, params.folder_id);
  }

  @Put(':folder_id/acl')
  @RequirePermission('crm.deal_folders.manage')
  @ApiOperation({ summary: "Replaces a folder's ACL (deny beats allow, team membership and ownership); owner or administrator; audited." })
  replaceAcl(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param() params: DealFolderParams, @Body() dto: ReplaceFolderAclDto): Promise<FolderAclView> {
    return this.folders.replaceAcl(principal, params.id, params.folder_id, dto);
  }
}
