import type { LedgerDay } from '../repositories/ingest-ledger.repository';

/** Counts only. For every day: received = passed + the four drop outcomes + in_flight. */
export interface LedgerView {
  integration_id: string;
  from: string;
  to: string;
  days: LedgerDay[];
  totals: Omit<LedgerDay, 'day'>;
}
