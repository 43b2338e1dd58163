import type { GateOutcome } from '../gate/gate-outcome';

/**
 * What the ledger learns about one delivery for one integration. `in_flight` counts it as received
 * while it waits for a retry; `withdrawn` removes an in-flight row that turned out not to be the
 * integration's (a Slack conversation its user is not in).
 */
export type LedgerMark = GateOutcome | 'in_flight' | 'withdrawn';

export interface LedgerEntry {
  /** The inbound envelope id: the same across broker redeliveries, new for each receipt. */
  eventId: string;
  /** Null when the worker never learnt the integrations: settles the delivery's in-flight rows. */
  integrationId: string | null;
  source: string;
  mark: LedgerMark;
}
