import type { AuditPropertyValue } from './audit-entry';
import { AuditPropertyRejectedError } from './audit.error';

// The trail outlives every retention rule: a property that would store personal data is a bug in
// the caller, so it is refused loudly rather than written forever.
const PII_KEY = /(e-?mail|address|phone|name|body|token|secret|password)/i;
const EMAIL_VALUE = /[^\s@]+@[^\s@]+\.[^\s@]+/;

export function assertNoPersonalData(properties: Record<string, AuditPropertyValue>): void {
  for (const [key, value] of Object.entries(properties)) {
    if (PII_KEY.test(key)) throw new AuditPropertyRejectedError(key);
    const values = Array.isArray(value) ? value.flat(Infinity) : [value];
    if (values.some((item) => typeof item === 'string' && EMAIL_VALUE.test(item))) throw new AuditPropertyRejectedError(key);
  }
}
