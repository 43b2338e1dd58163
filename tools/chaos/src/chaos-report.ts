import type { LedgerOutcome } from './chaos-workload';

export interface ChaosFigures {
  items: number;
  contacts: number;
  deliveries: number;
  workerLaunch: 'compiled' | 'ts-node';
  outcomes: Record<LedgerOutcome | 'in_flight', number>;
  expected: Record<LedgerOutcome, number>;
  faults: Array<{ fault: string; outageMs: number; seenNotReady: boolean; recoveredMs: number }>;
  /** Deliveries sent back through the broker's delayed retry queue (by the workers alive at the end). */
  retried: number;
  /** From the first publish until every delivery was settled in the ledger. */
  runSeconds: number;
  storedMessages: number;
  overAdmitted: number;
  duplicateRows: number;
  unaccounted: number;
}

/** The closing table of a chaos run: what went in, what came out, how fast each fault healed. */
export function formatChaosReport(figures: ChaosFigures): string {
  const outcomeRows = (Object.keys(figures.expected) as LedgerOutcome[]).map(
    (outcome) => `  ${outcome.padEnd(22)} ${String(figures.outcomes[outcome]).padStart(7)}   expected ${figures.expected[outcome]}`,
  );
  const faultRows = figures.faults.map(
    (fault) => `  ${fault.fault.padEnd(22)} outage ${(fault.outageMs / 1000).toFixed(1).padStart(5)} s   ${fault.seenNotReady ? 'not ready during it, ' : ''}ready again after ${(fault.recoveredMs / 1000).toFixed(2)} s`,
  );
  return [
    `chaos run: ${figures.items} items (${figures.deliveries} deliveries), ${figures.contacts} contacts, 2 ingest worker processes (${figures.workerLaunch})`,
    'ledger outcomes:',
    ...outcomeRows,
    `  ${'in_flight'.padEnd(22)} ${String(figures.outcomes.in_flight).padStart(7)}   expected 0`,
    'faults:',
    ...faultRows,
    `retried through the broker: ${figures.retried} deliveries (workers alive at the end)`,
    `stored ${figures.storedMessages}, over-admitted ${figures.overAdmitted}, duplicate rows ${figures.duplicateRows}, unaccounted ${figures.unaccounted}`,
    `every delivery settled ${figures.runSeconds.toFixed(1)} s after the first publish`,
  ].join('\n');
}
