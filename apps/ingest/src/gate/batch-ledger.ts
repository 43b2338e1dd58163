import { Outcome, type Delivery, type DeliveryOutcome } from '@sentinel/messaging';
import type { GateOutcome } from './gate-outcome';

/** Why a delivery could not be decided on this attempt. */
export interface Undecided {
  reason: string;
  /** Worth another delivery through the retry queue (outage, rate limit), or fail closed now. */
  transient: boolean;
}

export interface SettledBatch {
  outcomes: DeliveryOutcome[];
  /** Outcome tokens to count, by source. */
  counts: Map<string, Map<GateOutcome, number>>;
  retries: Array<{ source: string; reason: string }>;
}

/**
 * Collects the gate's per-candidate decisions and per-delivery failures of one micro-batch and
 * settles each delivery: ack when decided, retry when a transient failure left it unchecked and
 * attempts remain, otherwise ack as `fail_closed`. Decisions of a retried delivery are not counted;
 * they are made (and counted) again on the attempt that settles it.
 */
export class BatchLedger {
  private readonly decided = new Map<number, GateOutcome[]>();
  private readonly undecided = new Map<number, Undecided>();

  constructor(private readonly deliveries: ReadonlyArray<Delivery<{ source: string }>>) {}

  record(deliveryIndex: number, outcome: GateOutcome): void {
    this.decided.set(deliveryIndex, [...(this.decided.get(deliveryIndex) ?? []), outcome]);
  }

  /** The first failure of a delivery wins; a permanent one is never downgraded to transient. */
  fail(deliveryIndex: number, failure: Undecided): void {
    const existing = this.undecided.get(deliveryIndex);
    if (!existing || (existing.transient && !failure.transient)) this.undecided.set(deliveryIndex, failure);
  }

  failAll(failure: Undecided): void {
    this.deliveries.forEach((_, index) => this.fail(index, failure));
  }

  attemptOf(deliveryIndex: number): number {
    return this.deliveries[deliveryIndex]?.attempt ?? 1;
  }

  isFailed(deliveryIndex: number): boolean {
    return this.undecided.has(deliveryIndex);
  }

  settle(): SettledBatch {
    const counts = new Map<string, Map<GateOutcome, number>>();
    const retries: SettledBatch['retries'] = [];
    const count = (source: string, outcome: GateOutcome) => {
      const bySource = counts.get(source) ?? new Map<GateOutcome, number>();
      bySource.set(outcome, (bySource.get(outcome) ?? 0) + 1);
      counts.set(source, bySource);
    };
    const outcomes = this.deliveries.map((delivery, index): DeliveryOutcome => {
      const source = delivery.envelope.data.source;
      const failure = this.undecided.get(index);
      if (failure?.transient && !delivery.finalAttempt) {
        retries.push({ source, reason: failure.reason });
        return Outcome.retry(failure.reason);
      }
      for (const outcome of this.decided.get(index) ?? []) count(source, outcome);
      if (failure) count(source, 'fail_closed');
      return Outcome.ack();
    });
    return { outcomes, counts, retries };
  }
}
