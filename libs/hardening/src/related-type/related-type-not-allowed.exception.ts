import { UnprocessableEntityException } from '@nestjs/common';
import { RELATED_TYPES } from './related-type.enum';

/** 422 `{ error: 'related_type_not_allowed', allowed }`; the rejected value is not echoed. */
export class RelatedTypeNotAllowedException extends UnprocessableEntityException {
  constructor() {
    super({
      error: 'related_type_not_allowed',
      message: `related_type must be one of: ${RELATED_TYPES.join(', ')}.`,
      allowed: RELATED_TYPES,
    });
  }
}
