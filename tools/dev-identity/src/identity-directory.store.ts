import { DevIdentityError, DevIdentityErrorCode } from './dev-identity.error';
import type { Policy, Principal, PrincipalKind, TenantMembership } from './dev-identity.types';

export interface PrincipalInput {
  kind: PrincipalKind;
  id: string;
  tenants: TenantMembership[];
  isSystemAdmin: boolean;
  scopes?: string[];
}

/** In-memory state of the service: principals, their policies per tenant, revoked token ids. */
export class IdentityDirectory {
  private readonly principals = new Map<string, Principal>();
  private readonly policies = new Map<string, Policy>();
  private readonly revokedTokenIds = new Set<string>();

  /** Creates or replaces a principal; a deactivated principal stays deactivated. */
  upsert(input: PrincipalInput): Principal {
    const existing = this.principals.get(input.id);
    if (existing && existing.kind !== input.kind) {
      throw new DevIdentityError(DevIdentityErrorCode.Conflict, [`id is already a ${existing.kind}`]);
    }
    const principal: Principal = {
      kind: input.kind,
      id: input.id,
      tenants: input.tenants.map(({ id, role }) => ({ id, role })),
      isSystemAdmin: input.isSystemAdmin,
      ...(input.scopes ? { scopes: [...input.scopes] } : {}),
      active: existing?.active ?? true,
    };
    this.principals.set(principal.id, principal);
    return structuredClone(principal);
  }

  find(id: string): Principal | undefined {
    const principal = this.principals.get(id);
    return principal && structuredClone(principal);
  }

  deactivate(id: string): Principal {
    const principal = this.require(id);
    principal.active = false;
    return structuredClone(principal);
  }

  /** Drops the membership and the policy that came with it. */
  removeMembership(principalId: string, tenantId: string): void {
    const principal = this.require(principalId);
    if (!principal.tenants.some((tenant) => tenant.id === tenantId)) {
      throw new DevIdentityError(DevIdentityErrorCode.NotAMember);
    }
    principal.tenants = principal.tenants.filter((tenant) => tenant.id !== tenantId);
    this.setPolicy(tenantId, principalId, []);
  }

  setPolicy(tenantId: string, userId: string, permissions: string[]): Policy {
    const version = this.policyFor(tenantId, userId).version + 1;
    const policy: Policy = { tenantId, userId, version, permissions: [...permissions] };
    this.policies.set(policyKey(tenantId, userId), policy);
    return structuredClone(policy);
  }

  /** A principal outside the tenant holds no permissions there, whatever was stored before. */
  policyFor(tenantId: string, userId: string): Policy {
    const stored = this.policies.get(policyKey(tenantId, userId));
    return {
      tenantId,
      userId,
      version: stored?.version ?? 0,
      permissions: stored && this.isMember(userId, tenantId) ? [...stored.permissions] : [],
    };
  }

  isMember(principalId: string, tenantId: string): boolean {
    return this.principals.get(principalId)?.tenants.some((tenant) => tenant.id === tenantId) ?? false;
  }

  revokeToken(jti: string): void {
    this.revokedTokenIds.add(jti);
  }

  isTokenRevoked(jti: string): boolean {
    return this.revokedTokenIds.has(jti);
  }

  private require(id: string): Principal {
    const principal = this.principals.get(id);
    if (!principal) throw new DevIdentityError(DevIdentityErrorCode.NotFound, ['principal']);
    return principal;
  }
}

function policyKey(tenantId: string, userId: string): string {
  return JSON.stringify([tenantId, userId]);
}
