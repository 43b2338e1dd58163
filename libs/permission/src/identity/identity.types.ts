import type { TenantMembership } from '../principal/authenticated-principal';

/** `GET /api/user` 200 body (identity contract). */
export interface IdentityUser {
  id: string;
  tenants: TenantMembership[];
  is_system_admin: boolean;
  scopes?: string[];
  impersonator_id?: string;
}

/** `GET /api/policies` 200 body. */
export interface IdentityPolicy {
  tenant_id: string;
  user_id: string;
  version: number;
  permissions: string[];
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** A body that fails these checks is malformed, which the contract counts as transient. */
export function isIdentityUser(value: unknown): value is IdentityUser {
  return (
    isRecord(value) &&
    isString(value.id) &&
    Array.isArray(value.tenants) &&
    value.tenants.every((tenant) => isRecord(tenant) && isString(tenant.id)) &&
    (value.is_system_admin === undefined || typeof value.is_system_admin === 'boolean') &&
    (value.scopes === undefined || isStringArray(value.scopes)) &&
    (value.impersonator_id === undefined || value.impersonator_id === null || isString(value.impersonator_id))
  );
}

export function isIdentityPolicy(value: unknown): value is IdentityPolicy {
  return isRecord(value) && isString(value.tenant_id) && isString(value.user_id) && isStringArray(value.permissions);
}
