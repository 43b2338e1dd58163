import { BUNDLE_LIMITS, type EventEnvelope } from './event-envelope';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** Bundle events reported by name at most; one more says how many others failed. */
const REPORTED_EVENT_VIOLATIONS = 5;

type Check = (value: unknown) => string | undefined;

const boundedString =
  (maxLength: number): Check =>
  (value) => {
    if (typeof value !== 'string') return 'isString';
    if (value.length === 0) return 'isNotEmpty';
    return value.length > maxLength ? 'maxLength' : undefined;
  };

const eventId = boundedString(128);
const isoInstant: Check = (value) => (typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)) ? undefined : 'isIso8601');
const plainObject: Check = (value) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : 'isObject');

/** The properties a single envelope and a bundle share, by the constraint name a dead-letter reason reports. */
const HEADER_RULES: ReadonlyArray<[keyof EventEnvelope, Check]> = [
  ['id', eventId],
  ['type', boundedString(128)],
  ['tenant_id', boundedString(63)],
  ['occurred_at', isoInstant],
];

const ENVELOPE_RULES: ReadonlyArray<[keyof EventEnvelope, Check]> = [...HEADER_RULES, ['data', plainObject]];

const BUNDLED_EVENT_RULES: ReadonlyArray<[string, Check]> = [
  ['id', eventId],
  ['occurred_at', isoInstant],
  ['data', plainObject],
];

function violationsOf(raw: Record<string, unknown>, rules: ReadonlyArray<[string, Check]>, prefix = ''): string[] {
  const violations: string[] = [];
  for (const [property, check] of rules) {
    const constraint = check(raw[property]);
    if (constraint) violations.push(`${prefix}${property} (${constraint})`);
  }
  return violations;
}

/**
 * Checks the five envelope properties by hand: this runs once per delivery on the hot path, where
 * class-transformer plus class-validator cost more than the gate itself. Returns the violations
 * as `property (constraint)`, never values.
 */
export function envelopeViolations(raw: Record<string, unknown>): string[] {
  return violationsOf(raw, ENVELOPE_RULES);
}

/**
 * The same for a bundle: its header, then `events` (1 to `BUNDLE_LIMITS.maxEvents` objects, each
 * with its own id, time and data). A bundle with any malformed event is malformed as a whole: that
 * is a producer's bug, not one event's bad data.
 */
export function bundleViolations(raw: Record<string, unknown>): string[] {
  const violations = violationsOf(raw, HEADER_RULES);
  const events = raw.events;
  if (!Array.isArray(events)) return [...violations, 'events (isArray)'];
  if (events.length === 0) return [...violations, 'events (arrayNotEmpty)'];
  if (events.length > BUNDLE_LIMITS.maxEvents) return [...violations, 'events (arrayMaxSize)'];
  let failedEvents = 0;
  events.forEach((event: unknown, index) => {
    const found = plainObject(event) ? [`events[${index}] (isObject)`] : violationsOf(event as Record<string, unknown>, BUNDLED_EVENT_RULES, `events[${index}].`);
    if (found.length === 0) return;
    failedEvents += 1;
    if (failedEvents <= REPORTED_EVENT_VIOLATIONS) violations.push(...found);
  });
  if (failedEvents > REPORTED_EVENT_VIOLATIONS) violations.push(`${failedEvents - REPORTED_EVENT_VIOLATIONS} more events (invalid)`);
  return violations;
}
