import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard, AuthModuleOptions } from '@nestjs/passport';
import type { Request } from 'express';
import { AuthErrorCode } from '../errors/auth-error.code';
import { AuthException } from '../errors/auth.exception';
import { PermissionMetrics } from '../metrics/permission.metrics';
import { type AuthenticatedPrincipal, PRINCIPAL_REQUEST_PROPERTY } from '../principal/authenticated-principal';
import { RouteAccessResolver } from '../routes/route-access.resolver';
import { SystemTokenChecker } from './system-token.checker';

type PassportRequestView = { headers: { authorization?: string } } & Record<string, unknown>;

/**
 * Global guard 1 of 3. Public routes pass; system routes take only the system token; every other
 * route goes through the bearer strategy (its passport name comes from AuthModuleOptions).
 */
@Injectable()
export class TokenGuard extends AuthGuard() {
  private readonly views = new WeakMap<ExecutionContext, PassportRequestView>();

  constructor(
    private readonly routes: RouteAccessResolver,
    private readonly systemToken: SystemTokenChecker,
    private readonly metrics: PermissionMetrics,
    // Passed on so passport's guard knows the default strategy (it logs an error at boot otherwise).
    authOptions: AuthModuleOptions,
  ) {
    super(authOptions);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.routes.forContext(context);
    if (access.kind === 'public') return true;
    if (access.kind === 'system') {
      this.systemToken.assertSystemRequest(context.switchToHttp().getRequest<Request>().headers);
      this.metrics.passed('passed_system');
      return true;
    }
    const request = context.switchToHttp().getRequest<Request>();
    const view: PassportRequestView = { headers: { authorization: request.headers.authorization } };
    this.views.set(context, view);
    await super.canActivate(context);
    (request as unknown as Record<string, unknown>)[PRINCIPAL_REQUEST_PROPERTY] = view[PRINCIPAL_REQUEST_PROPERTY];
    return true;
  }

  /**
   * passport decorates whatever request it gets with half a dozen helpers (logIn, logOut, the
   * session manager, ...). Handing it a small view keeps Express's request in its original shape,
   * which measurably keeps the rest of the request path fast; the strategy reads only the header.
   */
  override getRequest(context: ExecutionContext): PassportRequestView {
    const view = this.views.get(context);
    if (view === undefined) throw new Error('TokenGuard: no request view for this context');
    return view;
  }

  override handleRequest<TUser = AuthenticatedPrincipal>(error: unknown, principal: TUser | false): TUser {
    if (error) throw error;
    if (!principal) throw new AuthException(AuthErrorCode.TokenMissing);
    return principal;
  }
}
