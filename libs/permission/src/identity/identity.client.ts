import { Inject, Injectable } from '@nestjs/common';
import { AuthErrorCode } from '../errors/auth-error.code';
import { AuthException } from '../errors/auth.exception';
import { type IdentityEndpoint, PermissionMetrics } from '../metrics/permission.metrics';
import { PERMISSION_OPTIONS, type ResolvedPermissionOptions } from '../module/permission.options';
import { type IdentityPolicy, type IdentityUser, isIdentityPolicy, isIdentityUser } from './identity.types';

/**
 * The identity service's HTTP API. Only a 401 is a rejection (401 token_invalid); a timeout, a
 * refused connection, any other status or a malformed body is an outage (503 identity_unavailable).
 */
@Injectable()
export class IdentityClient {
  constructor(
    @Inject(PERMISSION_OPTIONS) private readonly options: ResolvedPermissionOptions,
    private readonly metrics: PermissionMetrics,
  ) {}

  getUser(token: string): Promise<IdentityUser> {
    return this.call('user', '/api/user', token, isIdentityUser);
  }

  getPolicy(token: string, tenantId: string): Promise<IdentityPolicy> {
    return this.call('policies', `/api/policies?tenant=${encodeURIComponent(tenantId)}`, token, isIdentityPolicy);
  }

  private async call<T>(endpoint: IdentityEndpoint, path: string, token: string, isValid: (body: unknown) => body is T): Promise<T> {
    let status: number;
    let body: unknown;
    try {
      // Appended, not resolved, so a base URL with a path prefix (https://host/identity) keeps it.
      const response = await fetch(`${this.options.identityUrl.replace(/\/+$/, '')}${path}`, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(this.options.identityTimeoutMs),
        redirect: 'error',
      });
      status = response.status;
      body = await response.json().catch(() => undefined);
    } catch {
      return this.fail(endpoint, 'unavailable');
    }
    if (status === 401) return this.fail(endpoint, 'rejected');
    if (status !== 200 || !isValid(body)) return this.fail(endpoint, 'unavailable');
    this.metrics.identityCalls.inc({ endpoint, result: 'ok' });
    return body;
  }

  private fail(endpoint: IdentityEndpoint, result: 'rejected' | 'unavailable'): never {
    this.metrics.identityCalls.inc({ endpoint, result });
    throw new AuthException(result === 'rejected' ? AuthErrorCode.TokenInvalid : AuthErrorCode.IdentityUnavailable);
  }
}
