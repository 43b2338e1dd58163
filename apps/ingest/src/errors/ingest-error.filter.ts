import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { ingestErrorAnswer } from './ingest-error.answer';
import { IngestError } from './ingest.error';

/** Maps ingest domain errors raised by receivers to HTTP answers: a code and a reason token, no internals. */
@Catch(IngestError)
export class IngestErrorFilter implements ExceptionFilter {
  catch(error: IngestError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body, headers } = ingestErrorAnswer(error);
    response.status(status).set(headers).json(body);
  }
}
