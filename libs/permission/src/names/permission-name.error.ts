export enum PermissionNameErrorCode {
  /** A segment is empty or holds a character outside `[a-z0-9_-]`. */
  InvalidSegment = 'permission_invalid_segment',
  /** A `*` appeared where a concrete (required) permission was expected. */
  WildcardNotAllowed = 'permission_wildcard_not_allowed',
  /** The name does not have the `[tenant.<tenantId>.]crm.<resource>.<verb>` shape. */
  InvalidShape = 'permission_invalid_shape',
}

/** Raised at build time (route registration, catalogue generation) for a malformed permission name. */
export class PermissionNameError extends Error {
  constructor(
    readonly code: PermissionNameErrorCode,
    readonly permission: string,
    detail: string,
  ) {
    super(`Invalid permission "${permission}": ${detail}`);
    this.name = 'PermissionNameError';
  }
}
