import {
  FaultSettingsDto,
  MintTokenDto,
  PolicyDto,
  RawEventDto,
  RevokeTokenDto,
  RotateKeyDto,
  ServiceAccountDto,
  UserDto,
} from './admin.dto';
import type { CallCounter } from './call-counter.service';
import type { DirectoryAdminService } from './directory-admin.service';
import type { FaultInjector } from './fault-injector.service';
import type { HttpMethod, Route, RouteRequest, RouteResponse } from './http/http-router';
import { validateBody } from './http/validate-body';
import type { IdentityEventsPublisher } from './identity-events.publisher';
import type { KeyRing } from './key-ring.service';
import type { TokenMinter } from './token-minter.service';

export interface AdminApiDeps {
  directoryAdmin: DirectoryAdminService;
  minter: TokenMinter;
  keyRing: KeyRing;
  faults: FaultInjector;
  counter: CallCounter;
  publisher: IdentityEventsPublisher;
}

const NO_CONTENT: RouteResponse = { status: 204 };
const ok = (body: unknown): RouteResponse => ({ status: 200, body });

/** `/admin/*`: one line per route, each behind the admin key. */
export function adminApiRoutes(deps: AdminApiDeps): Route[] {
  const { directoryAdmin, minter, keyRing, faults, counter, publisher } = deps;
  return [
    admin('POST', '/admin/users', ({ body }) => ok(directoryAdmin.createUser(validateBody(UserDto, body)))),
    admin('POST', '/admin/service-accounts', ({ body }) =>
      ok(directoryAdmin.createServiceAccount(validateBody(ServiceAccountDto, body))),
    ),
    admin('POST', '/admin/users/:id/deactivate', async ({ params }) => {
      await directoryAdmin.deactivate(params.id);
      return NO_CONTENT;
    }),
    admin('DELETE', '/admin/users/:id/tenants/:tenantId', async ({ params }) => {
      await directoryAdmin.revokeMembership(params.id, params.tenantId);
      return NO_CONTENT;
    }),
    admin('PUT', '/admin/policies', async ({ body }) => ok(await directoryAdmin.setPolicy(validateBody(PolicyDto, body)))),
    admin('POST', '/admin/tokens', async ({ body }) => ok(await minter.mint(validateBody(MintTokenDto, body)))),
    admin('POST', '/admin/tokens/revoke', ({ body }) => {
      directoryAdmin.revokeToken(validateBody(RevokeTokenDto, body).jti);
      return NO_CONTENT;
    }),
    admin('GET', '/admin/keys', () => ok(keyRing.list())),
    admin('POST', '/admin/keys/rotate', async ({ body }) => ok(await keyRing.rotate(validateBody(RotateKeyDto, body).alg ?? 'ES256'))),
    admin('DELETE', '/admin/keys/:kid', ({ params }) => {
      keyRing.remove(params.kid);
      return NO_CONTENT;
    }),
    admin('PUT', '/admin/fault', ({ body }) => {
      faults.set(validateBody(FaultSettingsDto, body));
      return NO_CONTENT;
    }),
    admin('GET', '/admin/stats', () => ok(counter.snapshot())),
    admin('POST', '/admin/stats/reset', () => {
      counter.reset();
      return NO_CONTENT;
    }),
    admin('POST', '/admin/events/raw', async ({ body }) => {
      const { routingKey, payload, messageId, contentType = 'application/json', persistent = true } = validateBody(RawEventDto, body);
      const content = Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload));
      await publisher.publishRaw(routingKey, content, { messageId, contentType, persistent });
      return NO_CONTENT;
    }),
  ];
}

function admin(
  method: HttpMethod,
  path: string,
  handle: (request: RouteRequest) => Promise<RouteResponse> | RouteResponse,
): Route {
  return { method, path, access: 'admin', handle };
}
