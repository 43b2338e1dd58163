import { PayloadTooLargeException } from '@nestjs/common';

/** 413 `{ error: 'body_too_long', max_length }`. */
export class MarkdownTooLongException extends PayloadTooLargeException {
  constructor(readonly maxLength: number) {
    super({ error: 'body_too_long', message: `The body must be at most ${maxLength} characters.`, max_length: maxLength });
  }
}
