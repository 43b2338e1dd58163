import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { AuthErrorCode } from '../errors/auth-error.code';
import { AuthException } from '../errors/auth.exception';
import { PermissionMetrics } from '../metrics/permission.metrics';
import type { AuthenticatedPrincipal } from '../principal/authenticated-principal';
import { RouteAccessResolver } from '../routes/route-access.resolver';
import { SystemTokenChecker } from './system-token.checker';

/**
 * Global guard 1 of 3. Public routes pass; system routes take only the system token; every other
 * route goes through the bearer strategy (its passport name comes from AuthModuleOptions).
 */
@Injectable()
export class TokenGuard extends AuthGuard() {
  constructor(
    private readonly routes: RouteAccessResolver,
    private readonly systemToken: SystemTokenChecker,
    private readonly metrics: PermissionMetrics,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.routes.forContext(context);
    if (access.kind === 'public') return true;
    if (access.kind === 'system') {
      this.systemToken.assertSystemRequest(context.switchToHttp().getRequest<Request>().headers);
      this.metrics.passed('passed_system');
      return true;
    }
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<TUser = AuthenticatedPrincipal>(error: unknown, principal: TUser | false): TUser {
    if (error) throw error;
    if (!principal) throw new AuthException(AuthErrorCode.TokenMissing);
    return principal;
  }
}
