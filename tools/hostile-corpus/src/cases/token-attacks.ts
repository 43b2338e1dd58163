import type { CorpusContext } from '../corpus-context';
import { algNoneToken, GARBAGE_TOKENS, hs256WithPublicKey, oversizedToken, tamperedClaimsToken } from '../forged-tokens';
import type { HostileCase } from '../hostile-case';
import { bearer, protectedRoutes } from '../route-catalogue';

/** Every bearer-protected route against forged, expired, misaddressed and misplaced tokens: 401. */
export function tokenAttackCases(ctx: CorpusContext): HostileCase[] {
  const { user, expired, wrongAudience, wrongIssuer, system } = ctx.tokens;
  const headerVariants: Record<string, Record<string, string>> = {
    'no token': {},
    'alg none': bearer(algNoneToken(user)),
    'alg none keeping signature': bearer(algNoneToken(user, true)),
    'HS256 signed with the public key': bearer(hs256WithPublicKey(user, ctx.publicKeyPem)),
    expired: bearer(expired),
    'wrong aud': bearer(wrongAudience),
    'wrong iss': bearer(wrongIssuer),
    'tampered sub': bearer(tamperedClaimsToken(user, { sub: 'someone-else' })),
    oversized: bearer(oversizedToken(user)),
    'token in cookie only': { cookie: `access_token=${user}; token=${user}; Authorization=Bearer%20${user}` },
    'system token as bearer': bearer(system),
    'Basic scheme': { authorization: `Basic ${Buffer.from(`x:${user}`).toString('base64')}` },
    ...Object.fromEntries(Object.entries(GARBAGE_TOKENS).map(([name, token]) => [name, bearer(token)])),
  };
  const cases: HostileCase[] = [];
  for (const route of protectedRoutes(ctx)) {
    for (const [name, headers] of Object.entries(headerVariants)) {
      cases.push({ category: 'token', name, service: route.service, method: route.method, path: route.path, headers, body: route.body, expected: [401] });
    }
    const separator = route.path.includes('?') ? '&' : '?';
    cases.push({
      category: 'token',
      name: 'token in query only',
      service: route.service,
      method: route.method,
      path: `${route.path}${separator}access_token=${user}&token=${user}`,
      body: route.body,
      // The guard runs before query validation: a query token is no token (SEN-TOK-01).
      expected: [401],
    });
  }
  return cases;
}
