import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AuthErrorCode } from '../errors/auth-error.code';
import { AuthException } from '../errors/auth.exception';
import { PermissionDeniedException } from '../errors/permission-denied.exception';
import { PermissionMetrics } from '../metrics/permission.metrics';
import { principalOf } from '../principal/authenticated-principal';
import { RouteAccessResolver } from '../routes/route-access.resolver';
import { extractBearerToken } from '../token/bearer-token.extractor';
import { PolicyLookupService } from './policy-lookup.service';

/**
 * Global guard 3 of 3: system administrators pass; a service account's scopes must match; then
 * the user's policy must grant the route's permission. An undeclared route (the boot check makes
 * this unreachable) is refused rather than admitted.
 */
@Injectable()
export class PermissionGuard implements CanActivate {
  constructor(
    private readonly routes: RouteAccessResolver,
    private readonly policies: PolicyLookupService,
    private readonly metrics: PermissionMetrics,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.routes.forContext(context);
    if (access.kind === 'public' || access.kind === 'system') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const principal = principalOf(request);
    const { token } = extractBearerToken(request.headers);
    if (principal === undefined || token === undefined) throw new AuthException(AuthErrorCode.TokenMissing);
    if (access.kind === 'undeclared') throw new AuthException(AuthErrorCode.PermissionDenied);

    if (!principal.isSystemAdmin) {
      const { permission } = access;
      if (principal.scopes !== null && !principal.scopes.matches(permission)) {
        throw new PermissionDeniedException(permission, principal.userId);
      }
      const grants = await this.policies.grantsFor(principal, token);
      if (!grants.matches(permission)) throw new PermissionDeniedException(permission, principal.userId);
    }
    this.metrics.passed('passed');
    return true;
  }
}
