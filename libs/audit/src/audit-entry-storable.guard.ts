import type { AuditEntry } from './audit-entry';
import { AuditEntryUnstorableError } from './audit.error';

// PostgreSQL text and jsonb refuse U+0000, jsonb refuses an unpaired surrogate, and a text column
// would store one as U+FFFD (the row would then no longer hash to its stored hash).
const LONE_SURROGATE = /\p{Surrogate}/u;
const unstorable = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);

/**
 * Refuses an entry whose insert would fail (or store other text than was hashed). Grouped appends
 * share one INSERT, so such an entry must fail on its own rather than take its group down with it.
 */
export function assertStorable(entry: AuditEntry): void {
  const text: Array<[field: string, value: string | null | undefined]> = [
    ['event', entry.event],
    ['actor.userId', entry.actor.userId],
    ['actor.impersonatorId', entry.actor.impersonatorId],
    ['subject.type', entry.subject.type],
    ['subject.id', entry.subject.id],
  ];
  for (const [field, value] of text) {
    const optional = field === 'actor.impersonatorId';
    if (optional && (value === undefined || value === null)) continue;
    if (typeof value !== 'string' || unstorable(value)) throw new AuditEntryUnstorableError(field);
  }
  for (const [key, value] of Object.entries(entry.properties ?? {})) {
    if (unstorable(key) || !storableValue(value)) throw new AuditEntryUnstorableError(`properties.${key}`);
  }
}

/**
 * What AuditPropertyValue allows (undefined is dropped, as JSON drops it). Anything else could fail
 * the INSERT (a bigint) or be stored other than it was hashed (a Date hashes as {}, stores a string).
 */
function storableValue(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(storableValue);
  if (typeof value === 'string') return !unstorable(value);
  return value === undefined || value === null || typeof value === 'boolean' || typeof value === 'number';
}
