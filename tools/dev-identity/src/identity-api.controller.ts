import { DevIdentityError, DevIdentityErrorCode } from './dev-identity.error';
import type { Route } from './http/http-router';
import type { IdentityDirectory } from './identity-directory.store';
import type { KeyRing } from './key-ring.service';
import type { TokenVerifier, VerifiedCaller } from './token-verifier.service';

export interface IdentityApiDeps {
  keyRing: KeyRing;
  verifier: TokenVerifier;
  directory: IdentityDirectory;
}

/** The contract's endpoints (contracts/identity.md), plus an uncounted health probe. */
export function identityApiRoutes({ keyRing, verifier, directory }: IdentityApiDeps): Route[] {
  return [
    {
      method: 'GET',
      path: '/.well-known/jwks.json',
      access: 'public',
      counter: '/.well-known/jwks.json',
      faultScope: 'jwks',
      handle: () => ({ status: 200, body: keyRing.jwks() }),
    },
    {
      method: 'GET',
      path: '/api/user',
      access: 'public',
      counter: '/api/user',
      faultScope: 'api',
      handle: async ({ headers }) => ({ status: 200, body: userPayload(await verifier.verify(headers.authorization)) }),
    },
    {
      method: 'GET',
      path: '/api/policies',
      access: 'public',
      counter: '/api/policies',
      faultScope: 'api',
      handle: async ({ headers, query }) => {
        const { principal } = await verifier.verify(headers.authorization);
        const tenantId = query.get('tenant');
        if (!tenantId) throw new DevIdentityError(DevIdentityErrorCode.ValidationFailed, ['tenant query parameter is required']);
        const policy = directory.policyFor(tenantId, principal.id);
        return {
          status: 200,
          body: { tenant_id: policy.tenantId, user_id: policy.userId, version: policy.version, permissions: policy.permissions },
        };
      },
    },
    { method: 'GET', path: '/healthz', access: 'public', handle: () => ({ status: 200, body: { status: 'ok' } }) },
  ];
}

function userPayload({ principal, impersonatorId }: VerifiedCaller): Record<string, unknown> {
  return {
    id: principal.id,
    tenants: principal.tenants,
    is_system_admin: principal.isSystemAdmin,
    ...(principal.kind === 'service_account' ? { scopes: principal.scopes ?? [] } : {}),
    ...(impersonatorId === undefined ? {} : { impersonator_id: impersonatorId }),
  };
}
