import type { CorpusContext } from '../corpus-context';
import type { HostileCase } from '../hostile-case';
import { bearer, protectedRoutes } from '../route-catalogue';

const MALFORMED_JSON: Record<string, string> = {
  'truncated object': '{"body": "x"',
  'trailing comma': '{"body": "x",}',
  'single quotes': "{'body': 'x'}",
  'bare word': 'undefined',
  'NaN literal': '{"body": NaN}',
  'proto pollution': '{"__proto__": {"admin": true}, "constructor": {"prototype": {"admin": true}}}',
};

/** Malformed JSON, oversize bodies and headers, and missing/unknown/duplicate ids. */
export function bodyAbuseCases(ctx: CorpusContext): HostileCase[] {
  const cases: HostileCase[] = [];
  const json = { 'content-type': 'application/json' };
  const writes = protectedRoutes(ctx).filter((route) => route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH');
  const unknownId = '11111111-1111-4111-8111-111111111111';
  for (const route of writes) {
    for (const [name, body] of Object.entries(MALFORMED_JSON)) {
      // connect answers a well-formed body of an allowed caller with its authorize URL (200, nothing stored).
      if (name === 'proto pollution' && route.route === 'POST /integrations/:provider/connect') continue;
      cases.push({
        category: 'malformed-json',
        name,
        service: route.service,
        method: route.method,
        path: route.path,
        headers: { ...bearer(ctx.tokens.user), ...json },
        body,
        // Malformed JSON is refused by the body parser (400); a well-formed but hostile body meets the
        // guard (403/404) or validation (400, and 422 where the missing field is related_type).
        expected: name !== 'proto pollution' ? [400] : route.route === 'POST /deals/:id/timeline/links' ? [422] : [400, 403, 404],
      });
    }
    for (const [name, bytes] of [['150 KB JSON body', 150_000], ['2 MiB JSON body', 2 * 1024 * 1024]] as const) {
      cases.push({
        category: 'oversize',
        name,
        service: route.service,
        method: route.method,
        path: route.path,
        headers: { ...bearer(ctx.tokens.user), ...json },
        body: JSON.stringify({ body: 'A'.repeat(bytes) }),
        expected: [413],
      });
    }
  }
  // Public and system POST routes: the body parser refuses before any signature or token is checked.
  const unauthenticatedWrites: Array<{ service: HostileCase['service']; path: string; headers: Record<string, string> }> = [
    { service: 'ingest', path: '/slack/events', headers: {} },
    { service: 'ingest', path: '/google/push', headers: {} },
    { service: 'ingest', path: '/bot/items', headers: { authorization: `Bot ${ctx.tokens.bot}` } },
    { service: 'identity-bridge', path: '/system/policies/flush', headers: bearer(ctx.tokens.system) },
  ];
  for (const { service, path, headers } of unauthenticatedWrites) {
    cases.push({ category: 'oversize', name: '2 MiB JSON body', service, method: 'POST', path, headers: { ...headers, ...json }, body: JSON.stringify({ a: 'A'.repeat(2 * 1024 * 1024) }), expected: [413] });
    cases.push({ category: 'malformed-json', name: 'truncated object', service, method: 'POST', path, headers: { ...headers, ...json }, body: MALFORMED_JSON['truncated object'], expected: [400, 401] });
  }
  for (const route of protectedRoutes(ctx)) {
    cases.push({
      category: 'oversize',
      name: '20 KB header',
      service: route.service,
      method: route.method,
      path: route.path,
      headers: { ...bearer(ctx.tokens.user), 'x-padding': 'A'.repeat(20_000) },
      body: route.body,
      expected: [431],
    });
    if (!route.idTemplate || route.idTemplate.startsWith('/integrations/{id}/connect')) continue;
    cases.push({
      category: 'ids',
      name: 'unknown id',
      service: route.service,
      method: route.method,
      path: route.idTemplate.replace('{id}', unknownId),
      headers: bearer(ctx.tokens.user),
      body: route.body,
      expected: [403, 404],
    });
    // `/messages/` is the list route itself; a blank id stands in for a missing one there.
    const missing = route.idTemplate.endsWith('{id}') ? '%20' : '';
    cases.push({
      category: 'ids',
      name: missing ? 'missing id (blank segment)' : 'missing id (empty segment)',
      service: route.service,
      method: route.method,
      path: route.idTemplate.replace('{id}', missing),
      headers: bearer(ctx.tokens.user),
      body: route.body,
      expected: [400, 404],
    });
    cases.push({
      category: 'ids',
      name: 'duplicate id (comma list)',
      service: route.service,
      method: route.method,
      path: route.idTemplate.replace('{id}', `${unknownId},${unknownId}`),
      headers: bearer(ctx.tokens.user),
      body: route.body,
      expected: [400, 404],
    });
  }
  return cases;
}
