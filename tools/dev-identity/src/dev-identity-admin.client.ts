import type {
  CallStats,
  DevIdentityAdmin,
  FaultSettings,
  KeyInfo,
  MintedToken,
  MintTokenInput,
  Policy,
  PolicyInput,
  Principal,
  RawEventInput,
  ServiceAccountInput,
  SigningAlgorithm,
  UserInput,
} from './dev-identity.types';
import { ADMIN_KEY_HEADER } from './http/admin-key.guard';

/** A non-2xx answer from an admin endpoint; `code` is the body's `error`. */
export class DevIdentityAdminError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly details: string[] = [],
  ) {
    super(`dev identity admin call failed: ${status} ${code}${details.length > 0 ? ` (${details.join('; ')})` : ''}`);
    this.name = 'DevIdentityAdminError';
  }
}

/** Typed client of `/admin/*`, for an in-process instance or one started by the CLI (demo seed). */
export class DevIdentityAdminClient implements DevIdentityAdmin {
  constructor(
    readonly url: string,
    readonly adminKey: string,
  ) {}

  createUser(input: UserInput): Promise<Principal> {
    return this.call('POST', '/admin/users', input);
  }

  createServiceAccount(input: ServiceAccountInput): Promise<Principal> {
    return this.call('POST', '/admin/service-accounts', input);
  }

  deactivateUser(id: string): Promise<void> {
    return this.call('POST', `/admin/users/${encodeURIComponent(id)}/deactivate`);
  }

  revokeMembership(userId: string, tenantId: string): Promise<void> {
    return this.call('DELETE', `/admin/users/${encodeURIComponent(userId)}/tenants/${encodeURIComponent(tenantId)}`);
  }

  setPolicy(input: PolicyInput): Promise<Policy> {
    return this.call('PUT', '/admin/policies', input);
  }

  mintToken(input: MintTokenInput): Promise<MintedToken> {
    return this.call('POST', '/admin/tokens', input);
  }

  revokeToken(jti: string): Promise<void> {
    return this.call('POST', '/admin/tokens/revoke', { jti });
  }

  listKeys(): Promise<KeyInfo[]> {
    return this.call('GET', '/admin/keys');
  }

  rotateKeys(alg?: SigningAlgorithm): Promise<KeyInfo> {
    return this.call('POST', '/admin/keys/rotate', alg === undefined ? {} : { alg });
  }

  removeKey(kid: string): Promise<void> {
    return this.call('DELETE', `/admin/keys/${encodeURIComponent(kid)}`);
  }

  setFaultMode(settings: FaultSettings): Promise<void> {
    return this.call('PUT', '/admin/fault', settings);
  }

  stats(): Promise<CallStats> {
    return this.call('GET', '/admin/stats');
  }

  resetStats(): Promise<void> {
    return this.call('POST', '/admin/stats/reset');
  }

  publishRawEvent(input: RawEventInput): Promise<void> {
    return this.call('POST', '/admin/events/raw', input);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(new URL(path, this.url), {
      method,
      headers: { [ADMIN_KEY_HEADER]: this.adminKey, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const parsed = parseJson(await response.text());
    if (parsed === MALFORMED) throw new DevIdentityAdminError(response.status, 'malformed_response');
    if (!response.ok) {
      const { error = 'unknown', details = [] } = (parsed ?? {}) as { error?: string; details?: string[] };
      throw new DevIdentityAdminError(response.status, error, details);
    }
    return parsed as T;
  }
}

const MALFORMED = Symbol('malformed');

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return MALFORMED;
  }
}
