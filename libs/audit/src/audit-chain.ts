import { createHash } from 'node:crypto';
import type { AuditRecord } from './audit-entry';

/** `previous_hash` of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

export type ChainedContent = Omit<AuditRecord, 'hash' | 'previousHash'>;

/**
 * The row's content as one string that does not depend on how it was read back: a fixed field
 * order, the instant in ISO form, and object keys sorted (jsonb does not keep key order).
 */
export function canonicalContent(row: ChainedContent): string {
  return canonicalJson([
    row.seq,
    row.occurredAt.toISOString(),
    row.event,
    row.actorUserId,
    row.impersonatorId,
    row.subjectType,
    row.subjectId,
    row.properties,
  ]);
}

/** `sha256(canonical(content) || previous_hash)`, hex. */
export function chainHash(row: ChainedContent, previousHash: string): string {
  return createHash('sha256').update(canonicalContent(row)).update(previousHash).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
