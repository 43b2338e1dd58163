import { Controller, HttpCode, Post, Req, UseFilters } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicRoute } from '@sentinel/permission';
import type { Request } from 'express';
import { IngestErrorFilter } from '../errors/ingest-error.filter';
import { SlackEventsService, type SlackEventsAnswer } from './slack-events.service';

/** Slack Events API Request URL. Authenticated by Slack's signature, not by a bearer token. */
@ApiTags('slack')
@Controller('slack')
@UseFilters(IngestErrorFilter)
export class SlackEventsController {
  constructor(private readonly slackEvents: SlackEventsService) {}

  @Post('events')
  @PublicRoute()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Slack Events API Request URL: verifies the signature over the raw body, enqueues, answers 200 (401 with a reason token otherwise).',
  })
  receive(@Req() request: RawBodyRequest<Request>): Promise<SlackEventsAnswer> {
    return this.slackEvents.receive({
      timestamp: request.header('x-slack-request-timestamp'),
      signature: request.header('x-slack-signature'),
      rawBody: request.rawBody,
    });
  }
}
