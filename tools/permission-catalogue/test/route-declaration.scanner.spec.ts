import { renderPermissionCatalogue } from '../src/permission-catalogue.renderer';
import { RouteScanError, scanSource } from '../src/route-declaration.scanner';

const CONTROLLERS = `
import { Controller, Get, Post } from '@nestjs/common';
import { PublicRoute, RequirePermission, SystemRoute } from '@sentinel/permission';

@Controller('contacts')
export class ContactsController {
  @Get()
  @RequirePermission('crm.contacts.view')
  list() {}

  @Get(':id')
  @RequirePermission('crm.contacts.view')
  one() {}

  @Post()
  @RequirePermission("crm.contacts.create")
  create() {}

  helper() {}
}

@PublicRoute()
@Controller('/webhooks/')
export class WebhooksController {
  @Post('hubspot')
  hubspot() {}

  @Post('internal')
  @SystemRoute()
  internal() {}
}

@Controller()
export class ForgottenController {
  @Get('forgotten')
  forgotten() {}
}
`;

describe('route declaration scanner', () => {
  const routes = scanSource('apps/demo/src/demo.controller.ts', CONTROLLERS);

  it('reads each route with its method, joined path and access (method over class)', () => {
    expect(routes.map(({ method, path, access, permission, handler }) => ({ method, path, access, permission, handler }))).toEqual([
      { method: 'GET', path: '/contacts', access: 'permission', permission: 'crm.contacts.view', handler: 'ContactsController.list' },
      { method: 'GET', path: '/contacts/:id', access: 'permission', permission: 'crm.contacts.view', handler: 'ContactsController.one' },
      { method: 'POST', path: '/contacts', access: 'permission', permission: 'crm.contacts.create', handler: 'ContactsController.create' },
      { method: 'POST', path: '/webhooks/hubspot', access: 'public', permission: undefined, handler: 'WebhooksController.hubspot' },
      { method: 'POST', path: '/webhooks/internal', access: 'system', permission: undefined, handler: 'WebhooksController.internal' },
      { method: 'GET', path: '/forgotten', access: 'undeclared', permission: undefined, handler: 'ForgottenController.forgotten' },
    ]);
  });

  it('renders one catalogue row per permission, listing its routes', () => {
    const markdown = renderPermissionCatalogue(routes);
    expect(markdown).toContain('| `crm.contacts.view` | contacts | view | `GET /contacts`<br>`GET /contacts/:id` |');
    expect(markdown).toContain('| `crm.contacts.create` | contacts | create | `POST /contacts` |');
    expect(markdown).toContain('| `POST /webhooks/internal` | `WebhooksController.internal` |');
    expect(markdown).toContain('## Undeclared routes (the service will not boot)');
  });

  it('says so when no route requires a permission', () => {
    expect(renderPermissionCatalogue([])).toContain('No route requires a permission yet.');
  });

  it('refuses a non-literal permission rather than guessing', () => {
    const dynamic = `
      @Controller('x')
      class X {
        @Get()
        @RequirePermission(PERMISSIONS.view)
        list() {}
      }`;
    expect(() => scanSource('apps/demo/src/x.controller.ts', dynamic)).toThrow(RouteScanError);
    expect(() => scanSource('apps/demo/src/x.controller.ts', dynamic)).toThrow(/x\.controller\.ts:5: @RequirePermission needs a string literal/);
  });

  it('lists an EarlyRoute (answered before the guards) as public, from its literal method and path', () => {
    const early = `
      @Injectable()
      export class HookEndpoint implements EarlyRoute {
        readonly method = 'POST';
        readonly path = '/hooks/fast';
        async handle() {}
      }`;
    expect(scanSource('apps/demo/src/hook.endpoint.ts', early)).toEqual([
      { method: 'POST', path: '/hooks/fast', access: 'public', handler: 'HookEndpoint.handle', file: 'apps/demo/src/hook.endpoint.ts' },
    ]);
    const computed = early.replace("readonly path = '/hooks/fast';", 'readonly path = HOOK_PATH;');
    expect(() => scanSource('apps/demo/src/hook.endpoint.ts', computed)).toThrow(/hook\.endpoint\.ts:5: an EarlyRoute's `path` must be a string literal/);
  });
});
