import type { CorpusContext } from '../corpus-context';
import type { HostileCase } from '../hostile-case';
import { bearer, protectedRoutes } from '../route-catalogue';

/** The system route refuses user tokens; user routes refuse the system token (see token cases too). */
export function systemRouteCases(ctx: CorpusContext): HostileCase[] {
  const flush = (name: string, headers: Record<string, string>): HostileCase => ({
    category: 'system',
    name,
    service: 'identity-bridge',
    method: 'POST',
    path: '/system/policies/flush',
    headers: { 'content-type': 'application/json', ...headers },
    body: { user_id: 'someone' },
    expected: [401, 403],
  });
  const cases: HostileCase[] = [
    flush('no token', {}),
    flush('user token with every permission', bearer(ctx.tokens.user)),
    flush('no-permission user token', bearer(ctx.tokens.noPermissions)),
    flush('other-tenant token', bearer(ctx.tokens.otherTenant)),
    flush('system token truncated', bearer(ctx.tokens.system.slice(0, -1))),
    flush('system token with suffix', bearer(`${ctx.tokens.system}x`)),
    flush('system token uppercased', bearer(ctx.tokens.system.toUpperCase())),
    flush('system token in X-System-Token', { 'x-system-token': ctx.tokens.system }),
    flush('system token in cookie', { cookie: `system_token=${ctx.tokens.system}` }),
    flush('system token Basic scheme', { authorization: `Basic ${Buffer.from(`system:${ctx.tokens.system}`).toString('base64')}` }),
  ];
  for (const route of protectedRoutes(ctx)) {
    cases.push({
      category: 'system',
      name: 'system token as X-System-Token on a user route',
      service: route.service,
      method: route.method,
      path: route.path,
      headers: { 'x-system-token': ctx.tokens.system },
      body: route.body,
      expected: [401],
    });
  }
  return cases;
}
