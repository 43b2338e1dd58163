import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { ScopeMatcher } from '../scopes/scope-matcher.compiler';

export interface TenantMembership {
  id: string;
  role: string;
}

/** The caller of a user route, after layer 1: verified token claims joined with identity's answer. */
export interface AuthenticatedPrincipal {
  userId: string;
  /** sha256(token), hex: the cache identity of this token. Never the token itself. */
  tokenHash: string;
  /** Token expiry, ms since epoch. */
  expiresAt: number;
  /** Tenants from identity's current answer. */
  tenants: readonly TenantMembership[];
  /** The token's signed tenant claim: `tenants[].id`, or the single id of a legacy token. */
  tokenTenantIds: readonly string[];
  legacyShape: boolean;
  isSystemAdmin: boolean;
  /** Service accounts only; compiled once per cached principal. */
  scopes: ScopeMatcher | null;
  impersonatorId: string | null;
}

/** Where TokenGuard puts the principal on the request (passport's default property). */
export const PRINCIPAL_REQUEST_PROPERTY = 'user';

export function principalOf(request: object): AuthenticatedPrincipal | undefined {
  return (request as Record<string, AuthenticatedPrincipal | undefined>)[PRINCIPAL_REQUEST_PROPERTY];
}

/** Controller parameter: `@CurrentPrincipal() principal: AuthenticatedPrincipal` on a permission route. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext) => principalOf(context.switchToHttp().getRequest<object>()),
);
