import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { FirstLevelCaches } from '../cache/first-level.caches';
import { AuthErrorCode } from '../errors/auth-error.code';
import { AuthException } from '../errors/auth.exception';
import { IdentityUserResolver } from '../identity/identity-user.resolver';
import { PermissionMetrics } from '../metrics/permission.metrics';
import type { AuthenticatedPrincipal } from '../principal/authenticated-principal';
import { compileScopeMatcher } from '../scopes/scope-matcher.compiler';
import { JwtVerifier } from './jwt-verifier.service';
import { SystemTokenChecker } from './system-token.checker';

export const sha256Hex = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * Layer 1 for user routes: a token verified before (first level, bounded by its `exp` and the
 * 60 s identity TTL) is answered from memory; otherwise local JWT verification, then identity's
 * answer from Redis or from identity itself.
 */
@Injectable()
export class TokenAuthenticator {
  constructor(
    private readonly verifier: JwtVerifier,
    private readonly identityUsers: IdentityUserResolver,
    private readonly firstLevel: FirstLevelCaches,
    private readonly systemToken: SystemTokenChecker,
    private readonly metrics: PermissionMetrics,
  ) {}

  /** Concurrent first requests with one token share one verification and one identity call. */
  private readonly inFlight = new Map<string, Promise<AuthenticatedPrincipal>>();

  authenticate(token: string): Promise<AuthenticatedPrincipal> {
    const tokenHash = sha256Hex(token);
    const known = this.firstLevel.principals.get(tokenHash);
    this.metrics.cacheLookup('user', 'memory', known !== undefined);
    if (known !== undefined) return Promise.resolve(known);
    let pending = this.inFlight.get(tokenHash);
    if (pending === undefined) {
      pending = this.authenticateUncached(token, tokenHash).finally(() => this.inFlight.delete(tokenHash));
      this.inFlight.set(tokenHash, pending);
    }
    return pending;
  }

  private async authenticateUncached(token: string, tokenHash: string): Promise<AuthenticatedPrincipal> {
    // The system token never verifies as a JWT, so it can never reach the first level above.
    if (this.systemToken.isSystemToken(token)) throw new AuthException(AuthErrorCode.TokenInvalid);
    const generation = this.firstLevel.generation;
    const cacheable = () => this.firstLevel.generation === generation;
    const claims = await this.verifier.verify(token);
    const { user, expiresAt } = await this.identityUsers.resolve(token, tokenHash, cacheable);
    if (user.id !== claims.subject) throw new AuthException(AuthErrorCode.TokenInvalid);

    const principal: AuthenticatedPrincipal = {
      userId: user.id,
      tokenHash,
      expiresAt: claims.expiresAt,
      tenants: user.tenants,
      tokenTenantIds: claims.tenantIds,
      legacyShape: claims.legacyShape,
      isSystemAdmin: user.is_system_admin === true,
      scopes: user.scopes === undefined ? null : compileScopeMatcher(user.scopes),
      impersonatorId: user.impersonator_id ?? null,
    };
    if (cacheable()) this.firstLevel.principals.set(tokenHash, principal, Math.min(expiresAt, claims.expiresAt));
    return principal;
  }
}
