import { parsePermission } from '../names/permission-name.parser';
import { AUTH_ERROR_MESSAGE, AuthErrorCode } from './auth-error.code';
import { AuthException } from './auth.exception';

/** The structured 403 of the permission gate, with exactly the keys clients rely on. */
export type PermissionDeniedBody = {
  message: string;
  error: AuthErrorCode.PermissionDenied;
  required_permission: string;
  resource_type: string;
  resource_id: string | null;
  user_id: string;
};

/**
 * Raised by the gate, and by controllers doing resource-level checks so that their 403 has the same
 * shape: `throw new PermissionDeniedException(permission, principal.userId, contactId)`.
 */
export class PermissionDeniedException extends AuthException {
  constructor(requiredPermission: string, userId: string, resourceId: string | null = null) {
    const body: PermissionDeniedBody = {
      message: AUTH_ERROR_MESSAGE[AuthErrorCode.PermissionDenied],
      error: AuthErrorCode.PermissionDenied,
      required_permission: requiredPermission,
      resource_type: parsePermission(requiredPermission).resource,
      resource_id: resourceId,
      user_id: userId,
    };
    super(AuthErrorCode.PermissionDenied, { body });
  }
}
