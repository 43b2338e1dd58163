import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { OAuthStateError } from '@sentinel/crypto';
import type { Response } from 'express';
import { SourceConnectError } from './source-connect.error';

/**
 * Maps the connect flows' errors to `{ error, message }` with their status. A rejected OAuth state
 * (missing, malformed, forged, expired, mismatched) is a 400 carrying the library's code.
 */
@Catch(SourceConnectError, OAuthStateError)
export class SourceConnectErrorFilter implements ExceptionFilter {
  catch(error: SourceConnectError | OAuthStateError, host: ArgumentsHost): void {
    const status = error instanceof SourceConnectError ? error.getStatus() : 400;
    host.switchToHttp().getResponse<Response>().status(status).json({ error: error.code, message: error.message });
  }
}
