import { Body, Controller, HttpCode, Post, UseFilters, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicRoute } from '@sentinel/permission';
import { IngestErrorFilter } from '../errors/ingest-error.filter';
import { CurrentBot, type AuthenticatedBot } from './authenticated-bot';
import { BotItemsService, type BotItemAccepted } from './bot-items.service';
import { BotTokenGuard } from './bot-token.guard';
import { BotTranscriptDto } from './bot-transcript.dto';

/** Meeting bots (call recorders) post transcripts here. Authenticated by a bot token, not by a user token. */
@ApiTags('bot')
@Controller('bot')
@UseFilters(IngestErrorFilter)
export class BotItemsController {
  constructor(private readonly items: BotItemsService) {}

  @Post('items')
  @PublicRoute()
  @UseGuards(BotTokenGuard)
  @HttpCode(202)
  @ApiOperation({
    summary:
      'A meeting transcript (Authorization: Bot <token>): queued for the contact gate, 202. 401 with a reason token for a missing, malformed, wrong or revoked token; 429 with Retry-After after 30 failures in 60 s per IP and token prefix.',
  })
  receive(@CurrentBot() bot: AuthenticatedBot, @Body() transcript: BotTranscriptDto): Promise<BotItemAccepted> {
    return this.items.receive(bot, transcript);
  }
}
