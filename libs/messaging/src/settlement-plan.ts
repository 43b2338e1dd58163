import type { DeliveryOutcome } from './delivery';

/** How a delivery (one event) was settled, as `messaging_deliveries_total` counts it. */
export type SettledAs = 'acked' | 'retried' | 'dead_lettered';

/** What settling one message takes, given the outcomes of its events (one, or a bundle's). */
export interface SettlementPlan {
  /** Events (by index) to republish through the retry queue with the next attempt number. */
  retry: number[];
  /** Events to dead-letter, by the reason their copy carries. */
  dead: Map<string, number[]>;
  counts: Map<SettledAs, number>;
}

/**
 * Retries go through the retry queue while attempts remain; after the last attempt a retry is
 * dead-lettered as `retries_exhausted: <reason>`. Acked events need no copy.
 */
export function planSettlement(outcomes: readonly DeliveryOutcome[], attempt: number, maxAttempts: number): SettlementPlan {
  const plan: SettlementPlan = { retry: [], dead: new Map(), counts: new Map() };
  outcomes.forEach((outcome, index) => {
    let settledAs: SettledAs = 'acked';
    if (outcome.kind === 'retry' && attempt < maxAttempts) {
      plan.retry.push(index);
      settledAs = 'retried';
    } else if (outcome.kind !== 'ack') {
      const reason = outcome.kind === 'retry' ? `retries_exhausted: ${outcome.reason}` : outcome.reason;
      plan.dead.set(reason, [...(plan.dead.get(reason) ?? []), index]);
      settledAs = 'dead_lettered';
    }
    plan.counts.set(settledAs, (plan.counts.get(settledAs) ?? 0) + 1);
  });
  return plan;
}
