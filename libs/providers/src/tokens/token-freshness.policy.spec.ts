import { accessTokenNeedsRefresh, accessTokenRefreshAt, EXPIRY_SAFETY_MARGIN_MS, SALESFORCE_TOKEN_WINDOW_MS } from './token-freshness.policy';

const NOW = new Date('2026-11-22T12:00:00Z');
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

describe('token freshness: three truths about a stale credential', () => {
  it('never refreshes a Slack bot token', () => {
    expect(accessTokenRefreshAt('slack', { tokenExpiresAt: null, tokenIssuedAt: null })).toBeNull();
    expect(accessTokenNeedsRefresh('slack', { tokenExpiresAt: at(-1), tokenIssuedAt: at(-1e9) }, NOW)).toBe(false);
  });

  it('refreshes HubSpot a safety margin before the server-given expiry', () => {
    const times = { tokenExpiresAt: at(30 * 60_000), tokenIssuedAt: NOW };
    expect(accessTokenRefreshAt('hubspot', times)).toEqual(at(30 * 60_000 - EXPIRY_SAFETY_MARGIN_MS));
    expect(accessTokenNeedsRefresh('hubspot', times, at(24 * 60_000))).toBe(false);
    expect(accessTokenNeedsRefresh('hubspot', times, at(25 * 60_000))).toBe(true);
  });

  it('treats a Salesforce token as good for a fixed window from issued_at (no expires_in exists)', () => {
    const times = { tokenExpiresAt: null, tokenIssuedAt: NOW };
    expect(accessTokenRefreshAt('salesforce', times)).toEqual(at(SALESFORCE_TOKEN_WINDOW_MS));
    expect(SALESFORCE_TOKEN_WINDOW_MS).toBe(110 * 60_000);
    expect(accessTokenNeedsRefresh('salesforce', times, at(109 * 60_000))).toBe(false);
    expect(accessTokenNeedsRefresh('salesforce', times, at(110 * 60_000))).toBe(true);
  });

  it('refreshes at once when the timestamp its model needs is missing', () => {
    expect(accessTokenNeedsRefresh('hubspot', { tokenExpiresAt: null, tokenIssuedAt: NOW }, NOW)).toBe(true);
    expect(accessTokenNeedsRefresh('salesforce', { tokenExpiresAt: at(3_600_000), tokenIssuedAt: null }, NOW)).toBe(true);
  });
});
