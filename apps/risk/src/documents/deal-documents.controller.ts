import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile, UploadedFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IMAGE_MIME_TYPES, ListRoute } from '@sentinel/hardening';
import { CurrentPrincipal, RequirePermission, type AuthenticatedPrincipal } from '@sentinel/permission';
import type { Response } from 'express';
import type { Page } from '../deals/deal.view';
import { RiskErrorFilter } from '../errors/risk-error.filter';
import { DealDocumentsService } from './deal-documents.service';
import { DealDocumentParams, DealFolderParams } from './document-route.params';
import type { DocumentView, UploadedDocumentFile } from './document.view';
import { DocumentsListQuery } from './documents-list.query';
import { MoveDocumentDto } from './folder.dto';
import { UploadAccessInterceptor } from './upload-access.interceptor';

const INLINE_TYPES: readonly string[] = IMAGE_MIME_TYPES;

@ApiTags('deal documents')
@ApiBearerAuth()
@Controller('deals/:id/folders/:folder_id/documents')
@UseFilters(RiskErrorFilter)
export class DealDocumentsController {
  constructor(private readonly documents: DealDocumentsService) {}

  /**
   * Multipart field `file`; multer's limits (DEAL_DOCUMENT_MAX_BYTES, one file) come from RiskModule's
   * MulterModule. The resource guards run first, before the body is read.
   */
  @Post()
  @HttpCode(201)
  @RequirePermission('crm.deal_documents.upload')
  @UseInterceptors(UploadAccessInterceptor, FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Uploads a document (type from its bytes, allow-listed, size-capped) into a folder the caller may open.' })
  upload(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param() params: DealFolderParams, @UploadedFile() file: UploadedDocumentFile | undefined): Promise<DocumentView> {
    return this.documents.upload(principal, params.id, params.folder_id, file);
  }

  @Get()
  @RequirePermission('crm.deal_documents.view')
  @ListRoute(DocumentsListQuery)
  @ApiOperation({ summary: "A folder's documents, paged; 403 for a folder that is missing or closed to the caller." })
  list(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param() params: DealFolderParams, @Query() query: DocumentsListQuery): Promise<Page<DocumentView>> {
    return this.documents.list(principal, params.id, params.folder_id, query);
  }

  /** Served with the type detected at upload, `nosniff`, and as an attachment unless it is an image. */
  @Get(':document_id')
  @RequirePermission('crm.deal_documents.view')
  @ApiOperation({ summary: "A document's bytes with its stored type and nosniff; non-images as attachments." })
  async download(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param() params: DealDocumentParams,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const download = await this.documents.download(principal, params.id, params.folder_id, params.document_id);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(download.stream, {
      type: download.mimeType,
      length: download.size,
      disposition: `${INLINE_TYPES.includes(download.mimeType) ? 'inline' : 'attachment'}; filename="${download.downloadName}"`,
    });
  }

  @Post(':document_id/move')
  @HttpCode(200)
  @RequirePermission('crm.deal_documents.move')
  @ApiOperation({ summary: 'Moves a document to another folder of the deal; both folders must be open to the caller (403 otherwise, nothing moves).' })
  move(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param() params: DealDocumentParams, @Body() dto: MoveDocumentDto): Promise<DocumentView> {
    return this.documents.move(principal, params.id, params.folder_id, params.document_id, dto.target_folder_id);
  }
}
