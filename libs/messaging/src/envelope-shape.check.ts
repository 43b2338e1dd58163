import type { EventEnvelope } from './event-envelope';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

type Check = (value: unknown) => string | undefined;

const boundedString =
  (maxLength: number): Check =>
  (value) => {
    if (typeof value !== 'string') return 'isString';
    if (value.length === 0) return 'isNotEmpty';
    return value.length > maxLength ? 'maxLength' : undefined;
  };

/** Every envelope property with its rule, by the constraint name a dead-letter reason reports. */
const ENVELOPE_RULES: ReadonlyArray<[keyof EventEnvelope, Check]> = [
  ['id', boundedString(128)],
  ['type', boundedString(128)],
  ['tenant_id', boundedString(63)],
  ['occurred_at', (value) => (typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)) ? undefined : 'isIso8601')],
  ['data', (value) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : 'isObject')],
];

/**
 * Checks the five envelope properties by hand: this runs once per delivery on the hot path, where
 * class-transformer plus class-validator cost more than the gate itself. Returns the violations
 * as `property (constraint)`, never values.
 */
export function envelopeViolations(raw: Record<string, unknown>): string[] {
  const violations: string[] = [];
  for (const [property, check] of ENVELOPE_RULES) {
    const constraint = check(raw[property]);
    if (constraint) violations.push(`${property} (${constraint})`);
  }
  return violations;
}
