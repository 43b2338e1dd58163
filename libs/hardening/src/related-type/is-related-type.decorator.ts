import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isRelatedType, RELATED_TYPES } from './related-type.enum';

/** Constraint name; the hardened ValidationPipe turns a failure of it into a 422. */
export const IS_RELATED_TYPE = 'isRelatedType';

/** DTO property decorator: the value must be one of the four linkable entity types. */
export function IsRelatedType(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_RELATED_TYPE,
      validator: {
        validate: (value: unknown) => isRelatedType(value),
        defaultMessage: () => `related_type must be one of: ${RELATED_TYPES.join(', ')}`,
      },
    },
    options,
  );
}
