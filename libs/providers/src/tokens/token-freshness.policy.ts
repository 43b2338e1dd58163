import type { IntegrationProvider } from '@sentinel/persistence';

/**
 * Salesforce's token response has no `expires_in`: a session lives until the org's session
 * timeout (2 hours by default) after its last use. We treat a token as good for a fixed 110-minute
 * window from `issued_at`, which leaves 10 minutes under the default timeout.
 */
export const SALESFORCE_TOKEN_WINDOW_MS = 110 * 60_000;
/** Refresh this long before a server-given expiry, so a token never dies in the middle of a page. */
export const EXPIRY_SAFETY_MARGIN_MS = 5 * 60_000;

export interface StoredTokenTimes {
  tokenExpiresAt: Date | null;
  tokenIssuedAt: Date | null;
}

/**
 * When an access token must be refreshed, by the provider's own truth about staleness:
 * - Slack bot tokens never expire: null, nothing to refresh.
 * - HubSpot (and Google) send `expires_in`: stored as `token_expires_at`; refresh a margin before it.
 * - Salesforce sends no expiry: `token_issued_at` + the fixed window.
 * A missing timestamp where one is needed means "refresh now": we never guess a token is fresh.
 */
export function accessTokenRefreshAt(provider: IntegrationProvider, times: StoredTokenTimes): Date | null {
  switch (provider) {
    case 'slack':
      return null;
    case 'salesforce':
      return times.tokenIssuedAt ? new Date(times.tokenIssuedAt.getTime() + SALESFORCE_TOKEN_WINDOW_MS) : new Date(0);
    case 'hubspot':
    case 'gmail':
    case 'calendar':
      return times.tokenExpiresAt ? new Date(times.tokenExpiresAt.getTime() - EXPIRY_SAFETY_MARGIN_MS) : new Date(0);
  }
}

export function accessTokenNeedsRefresh(provider: IntegrationProvider, times: StoredTokenTimes, now: Date): boolean {
  const refreshAt = accessTokenRefreshAt(provider, times);
  return refreshAt !== null && refreshAt.getTime() <= now.getTime();
}
