import { Controller, Delete, Get, HttpCode, Param, Post, Res, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type AuthenticatedPrincipal } from '@sentinel/permission';
import type { Response } from 'express';
import { CrmSyncHttpErrorFilter } from '../errors/crm-sync-http-error.filter';
import { OAuthConnectService, type ConnectStart } from '../oauth/oauth-connect.service';
import { ProviderParam } from '../oauth/provider.param';
import { IdParam } from '../http/id.param';
import type { IntegrationView } from './integration.view';
import { IntegrationsService, type SyncAccepted } from './integrations.service';

@ApiTags('integrations')
@ApiBearerAuth()
@Controller('integrations')
@UseFilters(CrmSyncHttpErrorFilter)
export class IntegrationsController {
  constructor(
    private readonly integrations: IntegrationsService,
    private readonly oauth: OAuthConnectService,
  ) {}

  @Get()
  @RequirePermission('crm.integrations.view')
  @ApiOperation({ summary: "The caller's CRM connections: status, stage, last sync, last error and run counts; never a token." })
  list(@CurrentPrincipal() principal: AuthenticatedPrincipal): Promise<{ data: IntegrationView[] }> {
    return this.integrations.list(principal.userId);
  }

  @Post(':provider/connect')
  @HttpCode(200)
  @RequirePermission('crm.integrations.manage')
  @ApiOperation({ summary: "Starts a read-only OAuth connect flow: the provider's authorize URL, and the signed state cookie." })
  connect(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param() params: ProviderParam, @Res({ passthrough: true }) response: Response): ConnectStart {
    return this.oauth.start(principal.userId, params.provider, response);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('crm.integrations.manage')
  @ApiOperation({ summary: 'Disconnects: tokens erased, contacts and deals retired. 404 for anyone else\'s integration.' })
  disconnect(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param() params: IdParam): Promise<void> {
    return this.integrations.disconnect(principal, params.id);
  }

  @Post(':id/sync')
  @HttpCode(202)
  @RequirePermission('crm.integrations.sync')
  @ApiOperation({ summary: 'Starts a sync now (202); 409 while one is running or when the integration is not connected.' })
  sync(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param() params: IdParam): Promise<SyncAccepted> {
    return this.integrations.syncNow(principal, params.id);
  }
}
