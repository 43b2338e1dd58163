import { Controller, Get, Param, Query, Redirect, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, PublicRoute, RequirePermission, type AuthenticatedPrincipal } from '@sentinel/permission';
import { readStateCookie } from '@sentinel/platform';
import type { Request, Response } from 'express';
import { SourceConnectErrorFilter } from './source-connect-error.filter';
import { SourceConnectService, type ConnectedSource } from './source-connect.service';
import { SourceProviderParam } from './source-provider.param';

@ApiTags('integrations')
@Controller('oauth')
@UseFilters(SourceConnectErrorFilter)
export class SourceOAuthController {
  constructor(private readonly connect: SourceConnectService) {}

  @Get(':provider/connect')
  @ApiBearerAuth()
  @RequirePermission('crm.integrations.manage')
  @Redirect()
  @ApiOperation({ summary: "Starts a read-only OAuth connect flow for Gmail, Calendar or Slack: 302 to the provider's consent page, with the signed state cookie." })
  start(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param() params: SourceProviderParam, @Res({ passthrough: true }) response: Response): { url: string; statusCode: number } {
    return { url: this.connect.start(principal.userId, params.provider, response), statusCode: 302 };
  }

  /** Public: the browser comes back from the provider without a bearer token; the signed state cookie names the user. */
  @Get(':provider/callback')
  @PublicRoute()
  @ApiOperation({ summary: 'OAuth redirect target: verifies the signed state, exchanges the code, stores the tokens encrypted and the user\'s own addresses.' })
  callback(@Param() params: SourceProviderParam, @Query() query: Record<string, unknown>, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<ConnectedSource> {
    return this.connect.complete(params.provider, query, readStateCookie(request), response);
  }
}
