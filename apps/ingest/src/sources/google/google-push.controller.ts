import { Body, Controller, Headers, HttpCode, Post, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicRoute } from '@sentinel/permission';
import { IngestErrorFilter } from '../../errors/ingest-error.filter';
import { GooglePushService, type GooglePushBody } from './google-push.service';

/** Pub/Sub push endpoint for Gmail notifications. Authenticated by Google's OIDC token, not by a user token. */
@ApiTags('google')
@Controller('google')
@UseFilters(IngestErrorFilter)
export class GooglePushController {
  constructor(private readonly push: GooglePushService) {}

  @Post('push')
  @PublicRoute()
  @HttpCode(204)
  @ApiOperation({ summary: 'Gmail push via Pub/Sub: verifies the Google-signed OIDC token (401 otherwise), answers 204 and polls that mailbox.' })
  receive(@Headers('authorization') authorization: string | undefined, @Body() body: GooglePushBody): Promise<void> {
    return this.push.receive(authorization, body);
  }
}
