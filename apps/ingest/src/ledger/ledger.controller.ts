import { Controller, Get, Param, ParseUUIDPipe, Query, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type AuthenticatedPrincipal } from '@sentinel/permission';
import { IngestErrorFilter } from '../errors/ingest-error.filter';
import { LedgerQuery } from './ledger.query';
import { LedgerService } from './ledger.service';
import type { LedgerView } from './ledger.view';

@ApiTags('ingest')
@ApiBearerAuth()
@Controller('integrations')
@UseFilters(IngestErrorFilter)
export class LedgerController {
  constructor(private readonly ledger: LedgerService) {}

  @Get(':id/ledger')
  @RequirePermission('crm.ingest_ledger.view')
  @ApiOperation({ summary: "Daily ingestion counts of one of the caller's integrations (<= 92 days): every received item in exactly one outcome." })
  read(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: LedgerQuery,
  ): Promise<LedgerView> {
    return this.ledger.read(principal.userId, id, query);
  }
}
