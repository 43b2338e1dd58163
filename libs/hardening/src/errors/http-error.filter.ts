import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { errorTokenForStatus, isErrorToken } from './error-token';

/** The one error body shape of every Sentinel HTTP response. */
export interface HttpErrorBody {
  error: string;
  message: string;
  [detail: string]: unknown;
}

const INTERNAL_ERROR: HttpErrorBody = { error: 'internal_error', message: 'Internal server error.' };

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
 * The answer to any exception: HttpExceptions keep their status with a stable `error` token,
 * body-parser errors (413 oversize body, 415 unsupported charset) keep their 4xx status; anything
 * else is logged once on `logger` (class and stack, never the request) and answered with a generic
 * 500 so no internals leak into a response. Also used by routes answered outside Nest's filters.
 */
export function httpErrorAnswer(exception: unknown, logger: Logger): { status: number; body: HttpErrorBody } {
  if (exception instanceof HttpException) return { status: exception.getStatus(), body: httpErrorBody(exception) };
  const bodyStatus = bodyParserErrorStatus(exception);
  if (bodyStatus !== undefined) return { status: bodyStatus, body: bodyParserErrorBody(bodyStatus) };
  if (exception instanceof Error) logger.error(`Unhandled ${exception.name}`, exception.stack);
  else logger.error(`Unhandled non-Error value of type ${typeof exception}`);
  return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: INTERNAL_ERROR };
}

/** Global HTTP filter: every exception Nest's routes raise gets `httpErrorAnswer`. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const { status, body } = httpErrorAnswer(exception, this.logger);
    host.switchToHttp().getResponse<Response>().status(status).json(body);
  }
}
