import type { Pool } from 'pg';
import { LEDGER_OUTCOMES, type LedgerOutcome } from '../../src/chaos-workload';

/** What the database says after the run, checked against the truth the test recorded (chaos-seed.ts). */
export interface ChaosAudit {
  storedMessages: number;
  /** Stored messages none of whose participants (other than the user) is a live contact's address. */
  overAdmitted: number;
  /** Messages stored more than once for the same user, source and provider id. */
  duplicateRows: number;
  /** Published envelopes the ledger has no row for. */
  unaccounted: number;
  /** Envelopes with more than one ledger row. */
  countedTwice: number;
  /** Ledger rows for envelopes the test never published. */
  unknownLedgerRows: number;
  /** Deliveries of inadmissible items settled with another outcome than their drop. */
  wrongDrops: number;
  /** Admissible items without exactly one `passed` delivery. */
  admissibleNotPassedOnce: number;
  outcomes: Record<LedgerOutcome | 'in_flight', number>;
}

export async function auditRun(db: Pool): Promise<ChaosAudit> {
  const count = async (sql: string): Promise<number> => Number((await db.query<{ n: string }>(sql)).rows[0]?.n ?? 0);
  const { rows } = await db.query<{ outcome: string; n: string }>(`SELECT outcome, count(*) AS n FROM ingest_ledger_items GROUP BY outcome`);
  const outcomes = Object.fromEntries([...LEDGER_OUTCOMES, 'in_flight'].map((outcome) => [outcome, 0])) as ChaosAudit['outcomes'];
  for (const row of rows) outcomes[row.outcome as LedgerOutcome] = Number(row.n);
  return {
    storedMessages: await count(`SELECT count(*) AS n FROM messages`),
    overAdmitted: await count(
      `SELECT count(*) AS n FROM messages m
        WHERE NOT EXISTS (
              SELECT 1 FROM chaos.participants p
                JOIN contact_emails ce ON ce.email = p.email AND ce.user_id = m.user_id
                JOIN contacts c ON c.id = ce.contact_id AND c.deleted_at IS NULL
               WHERE p.external_id = m.external_id)`,
    ),
    duplicateRows: await count(
      `SELECT coalesce(sum(copies - 1), 0) AS n FROM (SELECT count(*) AS copies FROM messages GROUP BY user_id, source, external_id) g`,
    ),
    unaccounted: await count(
      `SELECT count(*) AS n FROM chaos.deliveries d WHERE NOT EXISTS (SELECT 1 FROM ingest_ledger_items l WHERE l.event_id = d.event_id)`,
    ),
    countedTwice: await count(`SELECT count(*) AS n FROM (SELECT event_id FROM ingest_ledger_items GROUP BY event_id HAVING count(*) > 1) g`),
    unknownLedgerRows: await count(
      `SELECT count(*) AS n FROM ingest_ledger_items l WHERE NOT EXISTS (SELECT 1 FROM chaos.deliveries d WHERE d.event_id = l.event_id)`,
    ),
    wrongDrops: await count(
      `SELECT count(*) AS n FROM chaos.deliveries d JOIN ingest_ledger_items l ON l.event_id = d.event_id
        WHERE d.drop_outcome IS NOT NULL AND l.outcome <> d.drop_outcome`,
    ),
    admissibleNotPassedOnce: await count(
      `SELECT count(*) AS n FROM (
         SELECT d.external_id FROM chaos.deliveries d LEFT JOIN ingest_ledger_items l ON l.event_id = d.event_id
          WHERE d.drop_outcome IS NULL
          GROUP BY d.external_id
         HAVING count(*) FILTER (WHERE l.outcome = 'passed') <> 1
             OR count(*) FILTER (WHERE l.outcome IS DISTINCT FROM 'passed' AND l.outcome IS DISTINCT FROM 'duplicate_event') > 0) g`,
    ),
    outcomes,
  };
}

/** Ledger rows settled with a final outcome (the run is over when every published envelope has one). */
export async function settledDeliveries(db: Pool): Promise<number> {
  const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ingest_ledger_items WHERE outcome <> 'in_flight'`);
  return Number(rows[0]?.n ?? 0);
}
