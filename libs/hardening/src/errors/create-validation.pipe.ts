import { ValidationPipe } from '@nestjs/common';
import { validationExceptionFactory } from './validation-exception.factory';

/** The strict global pipe every service should use: transform, whitelist, reject unknown properties. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    exceptionFactory: validationExceptionFactory,
  });
}
