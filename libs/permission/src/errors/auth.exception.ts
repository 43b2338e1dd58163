import { HttpException } from '@nestjs/common';
import { AUTH_ERROR_MESSAGE, AUTH_ERROR_STATUS, AuthErrorCode, IDENTITY_RETRY_AFTER_SECONDS } from './auth-error.code';

export type AuthErrorBody = { error: string; message: string } & Record<string, unknown>;

/**
 * A refusal by one of the auth layers. Carries its own response headers (WWW-Authenticate on 401,
 * Retry-After on 429/503), which AuthExceptionFilter writes; HttpException alone cannot.
 */
export class AuthException extends HttpException {
  readonly headers: Record<string, string>;

  constructor(
    readonly code: AuthErrorCode,
    options: { retryAfterSeconds?: number; body?: AuthErrorBody } = {},
  ) {
    const status = AUTH_ERROR_STATUS[code];
    super(options.body ?? { error: code, message: AUTH_ERROR_MESSAGE[code] }, status);
    this.headers = {};
    if (status === 401) this.headers['WWW-Authenticate'] = 'Bearer error="invalid_token"';
    const retryAfter = options.retryAfterSeconds ?? (status === 503 ? IDENTITY_RETRY_AFTER_SECONDS : undefined);
    if (retryAfter !== undefined) this.headers['Retry-After'] = String(Math.max(1, Math.ceil(retryAfter)));
  }
}
