import type { SortValue } from './sort-query.dto';

export interface ParsedSort<Field extends string> {
  field: Field;
  direction: 'ASC' | 'DESC';
}

/** `-created_at` → `{ field: 'created_at', direction: 'DESC' }`, for a validated sort value. */
export function parseSort<Field extends string>(sort: SortValue<Field>): ParsedSort<Field> {
  return sort.startsWith('-')
    ? { field: sort.slice(1) as Field, direction: 'DESC' }
    : { field: sort as Field, direction: 'ASC' };
}
