import type { DeclaredRoute } from './route-declaration.scanner';

export const CATALOGUE_COMMAND = 'npx nx run permission-catalogue:generate';

/** The catalogue as Markdown; deterministic, so the drift test can compare it byte for byte. */
export function renderPermissionCatalogue(routes: DeclaredRoute[]): string {
  const byPermission = new Map<string, DeclaredRoute[]>();
  for (const route of routes) {
    if (route.access === 'permission' && route.permission !== undefined) {
      byPermission.set(route.permission, [...(byPermission.get(route.permission) ?? []), route]);
    }
  }
  const permissions = [...byPermission.entries()].sort(([a], [b]) => a.localeCompare(b));

  const lines = [
    '# Permission catalogue',
    '',
    `<!-- Generated from the route decorators by \`${CATALOGUE_COMMAND}\`; do not edit by hand. -->`,
    '<!-- A test fails when this file and the code drift apart. -->',
    '',
    'Every route declares exactly one of `@RequirePermission(\'crm.<resource>.<verb>\')`, `@PublicRoute()`',
    'or `@SystemRoute()`; a service refuses to boot otherwise. A short permission expands to',
    '`tenant.<TENANT_ID>.crm.<resource>.<verb>` in each deployment. Name and glob rules:',
    '[permissions-globs.md](permissions-globs.md); how the guards use them: [security-layers.md](security-layers.md).',
    '',
    '## Permissions',
    '',
  ];
  if (permissions.length === 0) {
    lines.push('No route requires a permission yet.');
  } else {
    lines.push('| permission | resource | verb | routes |', '|---|---|---|---|');
    for (const [permission, permissionRoutes] of permissions) {
      const [, resource, verb] = permission.split('.');
      const routeList = permissionRoutes.map(describe).join('<br>');
      lines.push(`| \`${permission}\` | ${resource} | ${verb} | ${routeList} |`);
    }
  }
  lines.push('', ...routeSection('Public routes', 'No token; each is public on purpose.', routes, 'public'));
  lines.push('', ...routeSection('System routes', 'Only the system token (`SYSTEM_API_TOKEN`).', routes, 'system'));
  const undeclared = routes.filter((route) => route.access === 'undeclared');
  if (undeclared.length > 0) {
    lines.push('', ...routeSection('Undeclared routes (the service will not boot)', 'Fix these.', routes, 'undeclared'));
  }
  return `${lines.join('\n')}\n`;
}

function routeSection(title: string, meaning: string, routes: DeclaredRoute[], access: DeclaredRoute['access']): string[] {
  const matching = routes.filter((route) => route.access === access);
  const lines = [`## ${title}`, '', meaning, ''];
  if (matching.length === 0) return [...lines, 'None.'];
  return [...lines, '| route | handler | source |', '|---|---|---|', ...matching.map((route) => `| ${describe(route)} | \`${route.handler}\` | \`${route.file}\` |`)];
}

const describe = (route: DeclaredRoute) => `\`${route.method} ${route.path}\``;
