import type { IntegrationProvider } from '@sentinel/persistence';

export enum ProviderErrorCode {
  /** 429 or a provider-specific rate-limit answer. */
  RateLimited = 'provider_rate_limited',
  /** 5xx: the provider is degraded. */
  Unavailable = 'provider_unavailable',
  /** No answer: refused, reset, DNS, timeout. */
  Network = 'provider_network',
  /** The per-provider circuit is open: the call was not attempted. */
  CircuitOpen = 'provider_circuit_open',
  /** 401 / invalid session / revoked grant: the user must reconnect. */
  AuthLost = 'provider_auth_lost',
  /** 403 on a read: a scope or permission was taken away. */
  PermissionLost = 'provider_permission_lost',
  /** An answer we cannot read (schema drift, 4xx that is our bug). */
  BadResponse = 'provider_bad_response',
}

/**
 * Every failure of a provider call, translated once by the driver that made it. Carries the
 * status and retry hint, never a response body (it may hold contact data).
 */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';

  constructor(
    readonly code: ProviderErrorCode,
    readonly provider: IntegrationProvider,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number } = {},
  ) {
    super(`${provider}: ${message}`);
  }
}
