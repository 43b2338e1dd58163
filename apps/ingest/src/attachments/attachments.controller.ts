import { Controller, Get, Param, ParseUUIDPipe, Res, StreamableFile, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type AuthenticatedPrincipal } from '@sentinel/permission';
import type { Response } from 'express';
import { IngestErrorFilter } from '../errors/ingest-error.filter';
import type { AttachmentFileList } from './attachment.view';
import { AttachmentsService } from './attachments.service';

@ApiTags('attachments')
@ApiBearerAuth()
@Controller()
@UseFilters(IngestErrorFilter)
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Get('messages/:id/attachments')
  @RequirePermission('crm.attachments.view')
  @ApiOperation({ summary: "Attachment contents of one of the caller's messages: stored ones with their detected type, refused ones with a reason token." })
  list(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', new ParseUUIDPipe()) id: string): Promise<AttachmentFileList> {
    return this.attachments.listOfMessage(principal.userId, id);
  }

  @Get('attachments/:id')
  @RequirePermission('crm.attachments.view')
  @ApiOperation({
    summary:
      "Downloads a stored attachment of a message the caller may see (404 otherwise), with its detected type, nosniff and Content-Disposition: attachment (inline for images); 403 for a path outside the pinned prefix. Audited.",
  })
  async download(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const file = await this.attachments.download(principal, id);
    const disposition = file.contentType.startsWith('image/') ? 'inline' : 'attachment';
    const headers: Record<string, string> = {
      'Content-Type': file.contentType,
      'Content-Length': String(file.size),
      'Content-Disposition': `${disposition}; filename="${file.storageName}"`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, no-store',
    };
    // setHeader, not Express's set: the stored type is served exactly, with no charset appended.
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    return new StreamableFile(file.handle.createReadStream());
  }
}
