import { AUTH_ERROR_MESSAGE, AuthErrorCode, AuthException, type PermissionDeniedBody } from '@sentinel/permission';

/**
 * A resource guard's 403, in the permission gate's shape: the caller holds the route's permission
 * but not this resource (`resource_type` names what was refused, `resource_id` which one).
 */
export class ResourceAccessDeniedException extends AuthException {
  constructor(resourceType: string, requiredPermission: string, userId: string, resourceId: string) {
    const body: PermissionDeniedBody = {
      message: AUTH_ERROR_MESSAGE[AuthErrorCode.PermissionDenied],
      error: AuthErrorCode.PermissionDenied,
      required_permission: requiredPermission,
      resource_type: resourceType,
      resource_id: resourceId,
      user_id: userId,
    };
    super(AuthErrorCode.PermissionDenied, { body });
  }
}
