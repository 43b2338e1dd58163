import { PermissionNameError, PermissionNameErrorCode } from './permission-name.error';
import { PERMISSION_SEGMENT_PATTERN, WILDCARD_SEGMENT } from './permission-name.rules';

export const PERMISSION_TENANT_PREFIX = 'tenant';
export const PERMISSION_NAMESPACE = 'crm';

/** The parts of `tenant.<tenantId>.crm.<resource>.<verb>`; `resource` is the 403 body's `resource_type`. */
export interface ParsedPermission {
  readonly tenantId: string;
  readonly resource: string;
  readonly verb: string;
}

/**
 * Expands a route's short permission (`crm.contacts.view`) into the tenant's fully-qualified name
 * (`tenant.acme.crm.contacts.view`). Throws PermissionNameError for anything a route may not
 * require, wildcards included: a required permission names exactly one thing.
 */
export function expandPermission(tenantId: string, shortPermission: string): string {
  const segments = shortPermission.split('.');
  if (segments.length !== 3 || segments[0] !== PERMISSION_NAMESPACE) {
    throw new PermissionNameError(
      PermissionNameErrorCode.InvalidShape,
      shortPermission,
      `expected ${PERMISSION_NAMESPACE}.<resource>.<verb>`,
    );
  }
  assertSegment(tenantId, `${PERMISSION_TENANT_PREFIX}.${tenantId}`);
  segments.forEach((segment) => assertSegment(segment, shortPermission));
  return `${PERMISSION_TENANT_PREFIX}.${tenantId}.${shortPermission}`;
}

/** Parses a fully-qualified, concrete permission name; throws PermissionNameError otherwise. */
export function parsePermission(permission: string): ParsedPermission {
  const segments = permission.split('.');
  if (
    segments.length !== 5 ||
    segments[0] !== PERMISSION_TENANT_PREFIX ||
    segments[2] !== PERMISSION_NAMESPACE
  ) {
    throw new PermissionNameError(
      PermissionNameErrorCode.InvalidShape,
      permission,
      `expected ${PERMISSION_TENANT_PREFIX}.<tenantId>.${PERMISSION_NAMESPACE}.<resource>.<verb>`,
    );
  }
  segments.forEach((segment) => assertSegment(segment, permission));
  const [, tenantId, , resource, verb] = segments;
  return { tenantId, resource, verb };
}

function assertSegment(segment: string, permission: string): void {
  if (segment.includes(WILDCARD_SEGMENT)) {
    throw new PermissionNameError(
      PermissionNameErrorCode.WildcardNotAllowed,
      permission,
      'a required permission cannot contain "*"',
    );
  }
  if (!PERMISSION_SEGMENT_PATTERN.test(segment)) {
    throw new PermissionNameError(
      PermissionNameErrorCode.InvalidSegment,
      permission,
      `segment "${segment}" must be non-empty lowercase letters, digits, "-" or "_"`,
    );
  }
}
