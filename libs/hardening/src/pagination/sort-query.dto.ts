import { IsIn } from 'class-validator';
import { PaginationQueryDto } from './pagination-query.dto';

/** `field` sorts ascending, `-field` descending. */
export type SortValue<Field extends string> = Field | `-${Field}`;

export interface SortQueryDto<Field extends string> extends PaginationQueryDto {
  sort: SortValue<Field>;
}

/** A query DTO class made by SortQuery; its statics let a route walker see what it accepts. */
export interface SortQueryClass<Field extends string> {
  new (): SortQueryDto<Field>;
  readonly sortFields: readonly Field[];
  readonly defaultSort: SortValue<Field>;
}

/**
 * A list-route query DTO with pagination and a `sort` restricted to the given fields (security
 * model KRITIKUS #7): anything else is a 400 naming the allowed fields, so a client can never
 * order by a column the route did not choose to expose.
 *
 *   export class DealsListQuery extends SortQuery(['created_at', 'amount'], '-created_at') {}
 */
export function SortQuery<const Field extends string>(
  allowedFields: readonly Field[],
  defaultSort: SortValue<Field>,
): SortQueryClass<Field> {
  const accepted: string[] = allowedFields.flatMap((field) => [field, `-${field}`]);
  if (!accepted.includes(defaultSort)) throw new Error(`SortQuery: default sort ${defaultSort} is not an allowed field`);

  class SortQueryDtoImpl extends PaginationQueryDto implements SortQueryDto<Field> {
    static readonly sortFields = allowedFields;
    static readonly defaultSort = defaultSort;

    @IsIn(accepted, {
      message: `sort must be one of the fields ${allowedFields.join(', ')}, optionally prefixed with '-' for descending order`,
    })
    sort: SortValue<Field> = defaultSort;
  }
  return SortQueryDtoImpl;
}
