import { IsInt, Max, Min } from 'class-validator';
import { ToInteger } from './to-integer.transform';

export const DEFAULT_PER_PAGE = 25;
/** The cap of every list route (security model MAGAS #13/#60); above it is a 400, not a clamp. */
export const MAX_PER_PAGE = 100;

/** Base query DTO of every list route: `page` ≥ 1 (default 1), `per_page` 1..100 (default 25). */
export class PaginationQueryDto {
  @ToInteger()
  @IsInt()
  @Min(1)
  page = 1;

  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(MAX_PER_PAGE)
  per_page: number = DEFAULT_PER_PAGE;
}

/** The rows a validated page covers, as a repository takes them. */
export function pageWindow(query: PaginationQueryDto): { offset: number; limit: number } {
  return { offset: (query.page - 1) * query.per_page, limit: query.per_page };
}
