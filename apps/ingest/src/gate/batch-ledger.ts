import { Outcome, type Delivery, type DeliveryOutcome } from '@sentinel/messaging';
import type { LedgerEntry } from '../ledger/ledger-entry';
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
  /** What the ingestion ledger learns from this batch: one entry per delivery and integration. */
  ledger: LedgerEntry[];
}

interface DeliveryState {
  /** Integrations the delivery concerns, with the decision for each once made. */
  claimed: Map<string, GateOutcome | undefined>;
  /** Created on the first withdrawal only (a Slack conversation its user is not in). */
  withdrawn?: Set<string>;
  /** Every decision recorded for the delivery, in order: what its settlement counts. */
  decided?: GateOutcome[];
  /** Why the delivery could not be decided on this attempt, when it could not. */
  failure?: Undecided;
}

/**
 * Collects the gate's per-candidate decisions and per-delivery failures of one micro-batch and
 * settles each delivery: ack when decided, retry when a transient failure left it unchecked and
 * attempts remain, otherwise ack as `fail_closed`. Decisions of a retried delivery are not counted;
 * they are made (and counted) again on the attempt that settles it.
 */
export class BatchLedger {
  /** By delivery index: an array, not a map keyed by number, since every index of the batch is used. */
  private readonly states: Array<DeliveryState | undefined>;

  constructor(private readonly deliveries: ReadonlyArray<Delivery<{ source: string }>>) {
    this.states = new Array<DeliveryState | undefined>(deliveries.length).fill(undefined);
  }

  /** The delivery concerns this integration: the ledger counts it there as received. */
  claim(deliveryIndex: number, integrationId: string): void {
    const state = this.state(deliveryIndex);
    if (!state.claimed.has(integrationId)) state.claimed.set(integrationId, undefined);
  }

  /** The integration's user turned out not to be in the conversation: not theirs to count. */
  withdraw(deliveryIndex: number, integrationId: string): void {
    const state = this.state(deliveryIndex);
    state.claimed.delete(integrationId);
    (state.withdrawn ??= new Set()).add(integrationId);
  }

  record(deliveryIndex: number, outcome: GateOutcome, integrationId: string): void {
    const state = this.state(deliveryIndex);
    (state.decided ??= []).push(outcome);
    state.claimed.set(integrationId, outcome);
  }

  /** The first failure of a delivery wins; a permanent one is never downgraded to transient. */
  fail(deliveryIndex: number, failure: Undecided): void {
    const state = this.state(deliveryIndex);
    if (!state.failure || (state.failure.transient && !failure.transient)) state.failure = failure;
  }

  failAll(failure: Undecided): void {
    this.deliveries.forEach((_, index) => this.fail(index, failure));
  }

  attemptOf(deliveryIndex: number): number {
    return this.deliveries[deliveryIndex]?.attempt ?? 1;
  }

  eventIdOf(deliveryIndex: number): string {
    return this.deliveries[deliveryIndex]?.envelope.id ?? '';
  }

  isFailed(deliveryIndex: number): boolean {
    return this.states[deliveryIndex]?.failure !== undefined;
  }

  settle(): SettledBatch {
    const counts = new Map<string, Map<GateOutcome, number>>();
    const retries: SettledBatch['retries'] = [];
    const ledger: LedgerEntry[] = [];
    const count = (source: string, outcome: GateOutcome) => {
      const bySource = counts.get(source) ?? new Map<GateOutcome, number>();
      bySource.set(outcome, (bySource.get(outcome) ?? 0) + 1);
      counts.set(source, bySource);
    };
    const outcomes = this.deliveries.map((delivery, index): DeliveryOutcome => {
      const source = delivery.envelope.data.source;
      const failure = this.states[index]?.failure;
      const retry = failure?.transient === true && !delivery.finalAttempt;
      this.addLedgerEntries(ledger, index, source, retry, failure !== undefined);
      if (retry) {
        retries.push({ source, reason: failure.reason });
        return Outcome.retry(failure.reason);
      }
      for (const outcome of this.states[index]?.decided ?? []) count(source, outcome);
      if (failure) count(source, 'fail_closed');
      return Outcome.ack();
    });
    return { outcomes, counts, retries, ledger };
  }

  /**
   * A retried delivery stays `in_flight` for each integration it concerns; a settled one takes each
   * integration's decision, or `fail_closed` where it could not be checked. A settled failure that
   * never learnt its integrations settles whatever an earlier attempt left in flight.
   */
  private addLedgerEntries(entries: LedgerEntry[], index: number, source: string, retry: boolean, failed: boolean): void {
    const eventId = this.eventIdOf(index);
    const state = this.states[index];
    for (const integrationId of state?.withdrawn ?? []) entries.push({ eventId, integrationId, source, mark: 'withdrawn' });
    for (const [integrationId, decision] of state?.claimed ?? []) {
      entries.push({ eventId, integrationId, source, mark: retry ? 'in_flight' : decision ?? 'fail_closed' });
    }
    if (!retry && failed && (state?.claimed.size ?? 0) === 0) entries.push({ eventId, integrationId: null, source, mark: 'fail_closed' });
  }

  private state(deliveryIndex: number): DeliveryState {
    let state = this.states[deliveryIndex];
    if (!state) this.states[deliveryIndex] = state = { claimed: new Map() };
    return state;
  }
}
