import { BadRequestException } from '@nestjs/common';

/** 400 `{ error: 'path_outside_prefix' }`; the offending path is not echoed (it is attacker input). */
export class PathOutsidePrefixError extends BadRequestException {
  constructor() {
    super({ error: 'path_outside_prefix', message: 'The requested path is not allowed.' });
    this.name = 'PathOutsidePrefixError';
  }
}
