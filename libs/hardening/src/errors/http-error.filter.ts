import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { errorTokenForStatus, isErrorToken } from './error-token';

/** The one error body shape of every Sentinel HTTP response. */
export interface HttpErrorBody {
  error: string;
  message: string;
  [detail: string]: unknown;
}

/** The answer to anything unexpected: a generic 500, no internals. */
export const INTERNAL_ERROR: HttpErrorBody = { error: 'internal_error', message: 'Internal server error.' };

function messageOf(message: unknown, fallback: string): string {
  if (typeof message === 'string') return message;
  if (Array.isArray(message) && message.every((item) => typeof item === 'string')) return message.join('; ');
  return fallback;
}

/** Nest's `{ statusCode, error: 'Bad Request', message }` becomes `{ error: 'bad_request', message }`. */
export function httpErrorBody(exception: HttpException): HttpErrorBody {
  const status = exception.getStatus();
  const response = exception.getResponse();
  if (typeof response === 'string') return { error: errorTokenForStatus(status), message: response };
  const { statusCode: _statusCode, error, message, ...details } = response as Record<string, unknown>;
  return {
    error: isErrorToken(error) ? error : errorTokenForStatus(status),
    message: messageOf(message, exception.message),
    ...details,
  };
}

const BODY_ERROR_MESSAGES: Record<number, string> = {
  413: 'The request body is too large.',
  415: 'The request body has an unsupported encoding.',
};

/**
 * The status of a body-parser error (an http-errors value with `expose`, a `type` such as
 * `entity.too.large` and a 4xx `status`): a client error, not a 500. Undefined for anything else.
 */
export function bodyParserErrorStatus(exception: unknown): number | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { status, expose, type } = exception as { status?: unknown; expose?: unknown; type?: unknown };
  if (expose !== true || typeof type !== 'string' || typeof status !== 'number') return undefined;
  return Number.isInteger(status) && status >= 400 && status < 500 ? status : undefined;
}

/** `413 { error: 'payload_too_large', message }`; the parser's own message is not echoed. */
export function bodyParserErrorBody(status: number): HttpErrorBody {
  return { error: errorTokenForStatus(status), message: BODY_ERROR_MESSAGES[status] ?? 'The request body could not be read.' };
}

/**
 * Global HTTP filter: HttpExceptions keep their status with a stable `error` token, body-parser
 * errors (413 oversize body, 415 unsupported charset) keep their 4xx status; anything else
 * is logged once (class and stack, never the request) and answered with a generic 500 so no
 * internals leak into a response.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      response.status(exception.getStatus()).json(httpErrorBody(exception));
      return;
    }
    const bodyStatus = bodyParserErrorStatus(exception);
    if (bodyStatus !== undefined) {
      response.status(bodyStatus).json(bodyParserErrorBody(bodyStatus));
      return;
    }
    if (exception instanceof Error) this.logger.error(`Unhandled ${exception.name}`, exception.stack);
    else this.logger.error(`Unhandled non-Error value of type ${typeof exception}`);
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json(INTERNAL_ERROR);
  }
}
