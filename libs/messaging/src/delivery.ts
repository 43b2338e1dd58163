import type { EventEnvelope } from './event-envelope';

/** What a handler knows about one delivery besides its payload. */
export interface DeliveryInfo {
  /** 1 on first delivery; grows with each delayed retry. */
  attempt: number;
  /** True when a retry outcome would exhaust the queue's retry budget. */
  finalAttempt: boolean;
}

export interface Delivery<T extends object = Record<string, unknown>> extends DeliveryInfo {
  envelope: EventEnvelope<T>;
}

/** Outcome of handling one delivery. Throwing from a handler counts as `retry`. */
export type DeliveryOutcome = { kind: 'ack' } | { kind: 'retry'; reason: string } | { kind: 'dead'; reason: string };

export const Outcome = {
  ack: (): DeliveryOutcome => ({ kind: 'ack' }),
  retry: (reason: string): DeliveryOutcome => ({ kind: 'retry', reason }),
  dead: (reason: string): DeliveryOutcome => ({ kind: 'dead', reason }),
};
