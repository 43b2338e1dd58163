import { BadRequestException } from '@nestjs/common';

/** One invalid property: its dotted path and the failed constraints' messages, never the value. */
export interface ValidationFailure {
  property: string;
  constraints: Record<string, string>;
}

/** 400 `{ error: 'validation_failed', message, details }` raised by the hardened ValidationPipe. */
export class ValidationFailedException extends BadRequestException {
  constructor(readonly details: readonly ValidationFailure[]) {
    super({
      error: 'validation_failed',
      message: `Invalid ${details.map((failure) => failure.property).join(', ')}.`,
      details,
    });
  }
}
