import { randomUUID } from 'node:crypto';

/** Event body on the identity exchange, exactly as in contracts/identity.md. */
export interface IdentityEvent<TData = Record<string, unknown>> {
  id: string;
  type: IdentityEventType;
  tenant_id: string;
  occurred_at: string;
  data: TData;
}

export type IdentityEventType = 'policy.updated' | 'user.deactivated' | 'membership.revoked';

export function identityEvent<TData>(type: IdentityEventType, tenantId: string, data: TData): IdentityEvent<TData> {
  return { id: randomUUID(), type, tenant_id: tenantId, occurred_at: new Date().toISOString(), data };
}

/** A tenant's Sentinel binds `tenant.<its id>.#`, so the tenant must lead the key. */
export function routingKeyFor(event: IdentityEvent<unknown>): string {
  return `tenant.${event.tenant_id}.${event.type}`;
}
