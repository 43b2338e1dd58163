import { RelatedTypeNotAllowedException } from './related-type-not-allowed.exception';
import { isRelatedType, type RelatedType } from './related-type.enum';

/** For values that do not pass through a DTO (route params, stored rows): narrow or throw the 422. */
export function assertRelatedType(value: unknown): RelatedType {
  if (!isRelatedType(value)) throw new RelatedTypeNotAllowedException();
  return value;
}
