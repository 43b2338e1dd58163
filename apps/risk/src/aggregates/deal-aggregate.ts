import type { MessageDirection, MessageSource } from '@sentinel/persistence';

/** One message on a deal's timeline, as the aggregate sees it (ms since epoch). */
export interface TimelineFact {
  source: MessageSource;
  direction: MessageDirection;
  occurredAt: number;
  contactIds: readonly string[];
}

/**
 * What the risk rules need from a deal's messages. Each field is a commutative, associative
 * summary (count, min, max, second max, set union), so the result does not depend on the order
 * events arrive in; duplicates are kept out by the timeline entry key before this is applied.
 */
export interface DealAggregate {
  inboundCount: number;
  outboundCount: number;
  firstInboundAt: number | null;
  lastInboundAt: number | null;
  /** Second-largest inbound time, ties kept: the newest reply gap is `last - previous`. */
  previousInboundAt: number | null;
  lastOutboundAt: number | null;
  lastMeetingAt: number | null;
  /** Sorted, distinct. */
  engagedContactIds: string[];
}

export const EMPTY_AGGREGATE: DealAggregate = {
  inboundCount: 0,
  outboundCount: 0,
  firstInboundAt: null,
  lastInboundAt: null,
  previousInboundAt: null,
  lastOutboundAt: null,
  lastMeetingAt: null,
  engagedContactIds: [],
};

const MEETING_SOURCES: readonly MessageSource[] = ['calendar', 'meeting_bot'];

export function isMeeting(source: MessageSource): boolean {
  return MEETING_SOURCES.includes(source);
}

/** The aggregate after one new fact: O(1) except the contact set, which is small. */
export function applyFact(aggregate: DealAggregate, fact: TimelineFact): DealAggregate {
  const next: DealAggregate = { ...aggregate };
  if (isMeeting(fact.source)) next.lastMeetingAt = max(aggregate.lastMeetingAt, fact.occurredAt);
  if (fact.direction === 'outbound') {
    next.outboundCount += 1;
    next.lastOutboundAt = max(aggregate.lastOutboundAt, fact.occurredAt);
    return next;
  }
  next.inboundCount += 1;
  next.firstInboundAt = min(aggregate.firstInboundAt, fact.occurredAt);
  if (aggregate.lastInboundAt === null || fact.occurredAt >= aggregate.lastInboundAt) {
    next.previousInboundAt = aggregate.lastInboundAt;
    next.lastInboundAt = fact.occurredAt;
  } else {
    next.previousInboundAt = max(aggregate.previousInboundAt, fact.occurredAt);
  }
  next.engagedContactIds = [...new Set([...aggregate.engagedContactIds, ...fact.contactIds])].sort();
  return next;
}

/** The aggregate computed from scratch over a deal's distinct facts (the reference for applyFact). */
export function recomputeAggregate(facts: readonly TimelineFact[]): DealAggregate {
  const inbound = facts.filter((fact) => fact.direction === 'inbound');
  const outbound = facts.filter((fact) => fact.direction === 'outbound');
  const inboundTimes = inbound.map((fact) => fact.occurredAt).sort((a, b) => b - a);
  const meetings = facts.filter((fact) => isMeeting(fact.source)).map((fact) => fact.occurredAt);
  return {
    inboundCount: inbound.length,
    outboundCount: outbound.length,
    firstInboundAt: inboundTimes.length > 0 ? inboundTimes[inboundTimes.length - 1] : null,
    lastInboundAt: inboundTimes[0] ?? null,
    previousInboundAt: inboundTimes[1] ?? null,
    lastOutboundAt: outbound.length > 0 ? Math.max(...outbound.map((fact) => fact.occurredAt)) : null,
    lastMeetingAt: meetings.length > 0 ? Math.max(...meetings) : null,
    engagedContactIds: [...new Set(inbound.flatMap((fact) => fact.contactIds))].sort(),
  };
}

function max(current: number | null, value: number): number {
  return current === null ? value : Math.max(current, value);
}

function min(current: number | null, value: number): number {
  return current === null ? value : Math.min(current, value);
}
