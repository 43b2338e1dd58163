import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { WebhookError } from './webhook.error';

/** Maps webhook errors to the one error body shape: `{ error, message }`. */
@Catch(WebhookError)
export class WebhookErrorFilter implements ExceptionFilter {
  catch(error: WebhookError, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>().status(error.getStatus()).json({ error: error.code, message: error.message });
  }
}
