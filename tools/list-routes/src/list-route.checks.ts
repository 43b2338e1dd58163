import { createValidationPipe, MAX_PER_PAGE, ValidationFailedException, type PaginationQueryDto } from '@sentinel/hardening';
import type { GetRoute } from './route-walker';

const SORT_FIELD = /^[a-z][a-z0-9_]*$/;
const UNLISTED_SORTS = ['password', '-password', 'id;DROP TABLE x', '__proto__'];

/** The properties a query string fails on, through the pipe every service uses (undefined: accepted). */
async function failingProperties(query: typeof PaginationQueryDto, raw: Record<string, string>): Promise<string[]> {
  try {
    await createValidationPipe().transform(raw, { type: 'query', metatype: query });
    return [];
  } catch (error) {
    if (error instanceof ValidationFailedException) return error.details.map((failure) => failure.property);
    throw error;
  }
}

/**
 * What is wrong with one GET route, as sentences (empty when nothing is). A collection route must
 * be a `@ListRoute` unless `exempt` (a reason why it is not a list); a list route's query must cap
 * `per_page` at 100 (default included) and accept `sort` only for its whitelisted fields.
 */
export async function listRouteProblems(route: GetRoute, exempt: boolean): Promise<string[]> {
  const { listRoute } = route;
  if (!listRoute) {
    if (route.takesPagination) return [`${route.route} takes a pagination query without @ListRoute`];
    return route.collection && !exempt ? [`${route.route} answers a collection without @ListRoute (or an exemption with its reason)`] : [];
  }
  const problems: string[] = [];
  const { query, sortFields } = listRoute;
  if (new query().per_page > MAX_PER_PAGE) problems.push(`${route.route}: default per_page above ${MAX_PER_PAGE}`);
  if (!(await failingProperties(query, { per_page: String(MAX_PER_PAGE + 1) })).includes('per_page')) problems.push(`${route.route}: per_page ${MAX_PER_PAGE + 1} accepted`);
  if ((await failingProperties(query, { per_page: String(MAX_PER_PAGE) })).includes('per_page')) problems.push(`${route.route}: per_page ${MAX_PER_PAGE} refused`);
  for (const field of sortFields) {
    if (!SORT_FIELD.test(field)) problems.push(`${route.route}: sort field ${JSON.stringify(field)} is not a plain snake_case name`);
    for (const sort of [field, `-${field}`]) {
      if ((await failingProperties(query, { sort })).includes('sort')) problems.push(`${route.route}: whitelisted sort ${sort} refused`);
    }
  }
  for (const sort of [...UNLISTED_SORTS, ...(sortFields.length === 0 ? ['created_at', 'id'] : [])]) {
    if (!(await failingProperties(query, { sort })).includes('sort')) problems.push(`${route.route}: sort ${JSON.stringify(sort)} accepted though not whitelisted`);
  }
  return problems;
}
