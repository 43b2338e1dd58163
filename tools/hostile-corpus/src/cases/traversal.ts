import type { CorpusContext } from '../corpus-context';
import type { HostileCase } from '../hostile-case';
import { bearer, protectedRoutes } from '../route-catalogue';

export const TRAVERSAL_SEGMENTS: string[] = [
  '..%2f..%2fetc%2fpasswd',
  '..%252f..%252fetc%252fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..%5c..%5cwindows%5cwin.ini',
  '..\\..\\etc\\passwd',
  '..%00',
  '00000000-0000-4000-8000-000000000000%00.json',
  '%c0%ae%c0%ae%c0%af',
  '..;',
  '%2e',
];

/** Traversal and encoded traversal in every id segment, with a token allowed to call the route. */
export function traversalCases(ctx: CorpusContext): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const route of protectedRoutes(ctx)) {
    if (!route.idTemplate) continue;
    for (const segment of TRAVERSAL_SEGMENTS) {
      cases.push({
        category: 'traversal',
        name: segment,
        service: route.service,
        method: route.method,
        path: route.idTemplate.replace('{id}', segment),
        headers: bearer(ctx.tokens.user),
        body: route.body,
        expected: [400, 404],
      });
    }
    cases.push({
      category: 'traversal',
      name: 'raw ../ in path',
      service: route.service,
      method: route.method,
      path: route.idTemplate.replace('{id}', '../../../etc/passwd'),
      headers: bearer(ctx.tokens.user),
      body: route.body,
      expected: [400, 404],
    });
  }
  return cases;
}
