import { BadRequestException } from '@nestjs/common';

/** `from` is not before `to`: a 400 rather than a silently empty page. */
export class AuditRangeInvalidError extends BadRequestException {
  constructor() {
    super({ error: 'audit_range_invalid', message: '`from` must be before `to`.' });
  }
}
