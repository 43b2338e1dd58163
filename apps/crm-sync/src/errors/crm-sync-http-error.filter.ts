import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { OAuthStateError } from '@sentinel/crypto';
import type { Response } from 'express';
import { CrmSyncHttpError } from './crm-sync-http.error';

/**
 * Maps crm-sync's domain errors to `{ error, message }` with their status. A rejected OAuth state
 * (missing, malformed, forged, expired, mismatched) is a 400 carrying the library's code.
 */
@Catch(CrmSyncHttpError, OAuthStateError)
export class CrmSyncHttpErrorFilter implements ExceptionFilter {
  catch(error: CrmSyncHttpError | OAuthStateError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const status = error instanceof CrmSyncHttpError ? error.status : 400;
    response.status(status).json({ error: error.code, message: error.message });
  }
}
