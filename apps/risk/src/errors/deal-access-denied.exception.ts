import { AUTH_ERROR_MESSAGE, AuthErrorCode, AuthException, type PermissionDeniedBody } from '@sentinel/permission';

/**
 * 403 of the deal-team guard, in the permission gate's shape. `resource_type` is `deals` for every
 * deal route (notes included), since what is refused is the deal, whatever the verb.
 */
export class DealAccessDeniedException extends AuthException {
  constructor(requiredPermission: string, userId: string, dealId: string) {
    const body: PermissionDeniedBody = {
      message: AUTH_ERROR_MESSAGE[AuthErrorCode.PermissionDenied],
      error: AuthErrorCode.PermissionDenied,
      required_permission: requiredPermission,
      resource_type: 'deals',
      resource_id: dealId,
      user_id: userId,
    };
    super(AuthErrorCode.PermissionDenied, { body });
  }
}
