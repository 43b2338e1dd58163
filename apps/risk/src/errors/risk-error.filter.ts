import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { RiskError } from './risk.error';

/** Maps risk domain errors to the one error body shape: `{ error, message }`. */
@Catch(RiskError)
export class RiskErrorFilter implements ExceptionFilter {
  catch(error: RiskError, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>().status(error.getStatus()).json({ error: error.code, message: error.message });
  }
}
