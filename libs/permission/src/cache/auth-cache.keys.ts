/** Redis key layout of the auth caches (the client adds the stack's key prefix). */
export const AUTH_CACHE_KEYS = {
  user: (tokenHash: string) => `identity.user:${tokenHash}`,
  policies: (tenantId: string, userId: string, tokenHash: string) => `policies:${tenantId}:${userId}:${tokenHash.slice(0, 12)}`,
  /** Set of keys carrying a tag, so one flush finds every entry. */
  tag: (tag: string) => `cache-tag:${tag}`,
  /** Set of a user's keys (identity payloads and policies), so one purge finds them. */
  userIndex: (userId: string) => `cache-user:${userId}`,
} as const;

export const USER_TTL_MS = 60_000;
export const POLICIES_TTL_MS = 3_600_000;
export const POLICIES_TAG = 'crm.policies';

export const tenantTag = (tenantId: string) => `tenant:${tenantId}`;
export const policyTags = (tenantId: string) => [POLICIES_TAG, tenantTag(tenantId)];
