import type { CorpusContext } from '../corpus-context';
import type { HostileCase } from '../hostile-case';
import { bearer, protectedRoutes } from '../route-catalogue';

export const LIST_ABUSE_QUERIES: string[] = [
  'per_page=101',
  'per_page=1000000',
  'per_page=0',
  'per_page=-1',
  'per_page=1.5',
  'per_page=abc',
  'per_page=1e3',
  'per_page[]=10&per_page[]=20',
  'per_page=10&per_page=20',
  'page=0',
  'page=-1',
  'page=99999999999999999999',
  'sort=password',
  'sort=name;DROP%20TABLE%20deals',
  'sort=-',
  'sort=__proto__',
  'sort=constructor',
  'sort[]=name',
  'sort=name,name',
];

/** per_page and sort abuse on every list route: 400, never a clamp or a 500. */
export function listAbuseCases(ctx: CorpusContext): HostileCase[] {
  return protectedRoutes(ctx)
    .filter((route) => route.list)
    .flatMap((route) =>
      LIST_ABUSE_QUERIES.map(
        (query): HostileCase => ({
          category: 'list-abuse',
          name: query,
          service: route.service,
          method: route.method,
          path: `${route.path}?${query}`,
          headers: bearer(ctx.tokens.user),
          expected: [400],
        }),
      ),
    );
}
