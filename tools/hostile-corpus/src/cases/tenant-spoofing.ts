import type { CorpusContext } from '../corpus-context';
import type { HostileCase } from '../hostile-case';
import { bearer, protectedRoutes } from '../route-catalogue';

/**
 * TENANT_ID is the only tenant source: a member of another tenant naming it in headers, and a
 * permissionless member dressing up as a proxy or another path, stay refused.
 */
export function tenantSpoofingCases(ctx: CorpusContext): HostileCase[] {
  const other = ctx.otherTenantId;
  const spoofs: Record<string, Record<string, string>> = {
    'X-Tenant-Id of own tenant': { 'x-tenant-id': other },
    'X-Forwarded-Host tenant subdomain': { 'x-forwarded-host': `${other}.sentinel.test`, 'x-forwarded-for': '127.0.0.1', 'x-forwarded-proto': 'https' },
    'X-Original-URL / X-Rewrite-URL': { 'x-original-url': '/health/live', 'x-rewrite-url': '/health/live' },
    'X-HTTP-Method-Override': { 'x-http-method-override': 'OPTIONS', 'x-method-override': 'HEAD' },
    'tenant cookie': { cookie: `tenant=${other}; tenant_id=${other}` },
  };
  const cases: HostileCase[] = [];
  for (const route of protectedRoutes(ctx)) {
    for (const [name, headers] of Object.entries(spoofs)) {
      cases.push({
        category: 'tenant-spoof',
        name: `other-tenant member + ${name}`,
        service: route.service,
        method: route.method,
        path: route.path,
        headers: { ...bearer(ctx.tokens.otherTenant), ...headers },
        body: route.body,
        expected: [403],
      });
    }
    cases.push({
      category: 'tenant-spoof',
      name: 'no-permission member + X-Tenant-Id + X-Forwarded-For 127.0.0.1',
      service: route.service,
      method: route.method,
      path: route.path,
      headers: { ...bearer(ctx.tokens.noPermissions), 'x-tenant-id': other, 'x-forwarded-for': '127.0.0.1', 'x-real-ip': '127.0.0.1' },
      body: route.body,
      expected: [403],
    });
    cases.push({
      category: 'tenant-spoof',
      name: 'tenant path segment prefix',
      service: route.service,
      method: route.method,
      path: `/tenants/${other}${route.path}`,
      headers: bearer(ctx.tokens.otherTenant),
      body: route.body,
      expected: [403, 404],
    });
  }
  return cases;
}
