import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { IngestError } from './ingest.error';
import { BotTokenRejectedError } from './bot.errors';
import { GooglePushRejectedError } from './google-push.errors';
import { SlackRequestRejectedError } from './slack-request-rejected.error';

/** Maps ingest domain errors raised by receivers to HTTP answers: a code and a reason token, no internals. */
@Catch(IngestError)
export class IngestErrorFilter implements ExceptionFilter {
  catch(error: IngestError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body: Record<string, string> = { error: error.code };
    if (error instanceof SlackRequestRejectedError || error instanceof GooglePushRejectedError || error instanceof BotTokenRejectedError) {
      body.reason = error.reason;
    }
    // RFC 9110: a 401 names the scheme it expects.
    if (error instanceof BotTokenRejectedError) response.setHeader('WWW-Authenticate', 'Bot');
    response.status(error.getStatus()).json(body);
  }
}
