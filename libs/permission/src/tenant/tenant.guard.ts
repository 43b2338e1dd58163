import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { AuthErrorCode } from '../errors/auth-error.code';
import { AuthException } from '../errors/auth.exception';
import { PERMISSION_OPTIONS, type ResolvedPermissionOptions } from '../module/permission.options';
import { principalOf } from '../principal/authenticated-principal';
import { RouteAccessResolver } from '../routes/route-access.resolver';

/**
 * Global guard 2 of 3. The tenant is TENANT_ID and nothing else: no header, path segment or
 * cookie is read here. Legacy tokens are refused after the cutoff; system administrators skip the
 * membership check; everyone else must be a member both in the signed token and in identity's
 * current answer (a revoked membership takes effect without waiting for the token to expire).
 */
@Injectable()
export class TenantGuard implements CanActivate {
  constructor(
    private readonly routes: RouteAccessResolver,
    @Inject(PERMISSION_OPTIONS) private readonly options: ResolvedPermissionOptions,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const access = this.routes.forContext(context);
    if (access.kind === 'public' || access.kind === 'system') return true;
    const principal = principalOf(context.switchToHttp().getRequest<object>());
    if (principal === undefined) throw new AuthException(AuthErrorCode.TokenMissing);
    if (principal.legacyShape && this.options.now() >= this.options.legacyTokenCutoff.getTime()) {
      throw new AuthException(AuthErrorCode.TokenShapeLegacy);
    }
    if (principal.isSystemAdmin) return true;
    const { tenantId } = this.options;
    if (!principal.tokenTenantIds.includes(tenantId) || !principal.tenants.some((tenant) => tenant.id === tenantId)) {
      throw new AuthException(AuthErrorCode.TenantNotAMember);
    }
    return true;
  }
}
