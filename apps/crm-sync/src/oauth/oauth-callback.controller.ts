import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicRoute } from '@sentinel/permission';
import { readStateCookie } from '@sentinel/platform';
import type { Request, Response } from 'express';
import { CrmSyncHttpErrorFilter } from '../errors/crm-sync-http-error.filter';
import type { IntegrationView } from '../integrations/integration.view';
import { OAuthConnectService } from './oauth-connect.service';
import { ProviderParam } from './provider.param';

@ApiTags('integrations')
@Controller('oauth')
@UseFilters(CrmSyncHttpErrorFilter)
export class OAuthCallbackController {
  constructor(private readonly oauth: OAuthConnectService) {}

  /** Public: the browser comes back from the provider without a bearer token; the signed state cookie names the user. */
  @Get(':provider/callback')
  @PublicRoute()
  @ApiOperation({ summary: 'OAuth redirect target: verifies the signed state, exchanges the code, stores the integration, starts its first sync.' })
  callback(@Param() params: ProviderParam, @Query() query: Record<string, unknown>, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<IntegrationView> {
    return this.oauth.complete(params.provider, query, readStateCookie(request), response);
  }
}
