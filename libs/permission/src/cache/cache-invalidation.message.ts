/** What a flush or purge broadcasts so every replica drops its first-level entries. */
export type CacheInvalidation = { kind: 'tags'; tags: string[] } | { kind: 'user'; userId: string };

export function parseCacheInvalidation(raw: string): CacheInvalidation | undefined {
  try {
    const message = JSON.parse(raw) as Partial<{ kind: string; tags: unknown; userId: unknown }>;
    if (message.kind === 'tags' && Array.isArray(message.tags) && message.tags.every((tag) => typeof tag === 'string')) {
      return { kind: 'tags', tags: message.tags as string[] };
    }
    if (message.kind === 'user' && typeof message.userId === 'string') return { kind: 'user', userId: message.userId };
  } catch {
    // A malformed message invalidates nothing; the TTLs still bound staleness.
  }
  return undefined;
}
