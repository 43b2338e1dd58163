import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { PermissionMetrics } from '../metrics/permission.metrics';
import { AuthException } from './auth.exception';

/** Writes an AuthException's JSON body with its WWW-Authenticate / Retry-After headers, and counts the outcome. */
@Catch(AuthException)
export class AuthExceptionFilter implements ExceptionFilter<AuthException> {
  constructor(private readonly metrics: PermissionMetrics) {}

  catch(exception: AuthException, host: ArgumentsHost): void {
    this.metrics.outcomes.inc({ outcome: exception.code });
    const response = host.switchToHttp().getResponse<Response>();
    for (const [name, value] of Object.entries(exception.headers)) response.setHeader(name, value);
    response.status(exception.getStatus()).json(exception.getResponse());
  }
}
