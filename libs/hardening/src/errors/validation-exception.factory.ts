import type { HttpException, ValidationError } from '@nestjs/common';
import { IS_RELATED_TYPE } from '../related-type/is-related-type.decorator';
import { RelatedTypeNotAllowedException } from '../related-type/related-type-not-allowed.exception';
import { type ValidationFailure, ValidationFailedException } from './validation-failed.exception';

function flatten(errors: readonly ValidationError[], parent = ''): ValidationFailure[] {
  return errors.flatMap((error) => {
    const property = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ property, constraints: error.constraints }] : [];
    return [...own, ...flatten(error.children ?? [], property)];
  });
}

/**
 * The ValidationPipe's exceptionFactory. Class-validator's `value` and `target` are dropped so a
 * response never echoes input. A disallowed polymorphic `related_type` is a 422 rather than a 400
 * (security model MAGAS #56); everything else is a 400 naming the properties.
 */
export function validationExceptionFactory(errors: ValidationError[]): HttpException {
  const failures = flatten(errors);
  if (failures.some((failure) => IS_RELATED_TYPE in failure.constraints)) return new RelatedTypeNotAllowedException();
  return new ValidationFailedException(failures);
}
