import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { LedgerEntry } from '../ledger/ledger-entry';

export interface LedgerDay {
  day: string;
  received: number;
  passed: number;
  dropped_no_crm_match: number;
  dropped_self_user: number;
  fail_closed: number;
  duplicate_event: number;
  in_flight: number;
}

/** Writes and reads the ingestion ledger (`ingest_ledger_items`, `ingest_ledger_daily`). */
@Injectable()
export class IngestLedgerRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Applies entries in ONE statement, idempotently: a new (event, integration) row is received once;
   * an `in_flight` row takes the first final outcome and never changes again, so redeliveries and
   * replays of the same entries cannot count twice. `manager` joins the caller's transaction.
   */
  async record(entries: readonly LedgerEntry[], manager?: EntityManager): Promise<void> {
    const unique = collapse(entries);
    if (unique.length === 0) return;
    await (manager ?? this.dataSource).query(
      `WITH e AS (
         SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[]) AS e(event_id, integration_id, source, mark)),
       upserted AS (
         INSERT INTO ingest_ledger_items AS l (event_id, integration_id, source, outcome, settled_at)
         SELECT event_id, integration_id, source, mark, CASE WHEN mark = 'in_flight' THEN NULL ELSE now() END
           FROM e WHERE integration_id IS NOT NULL AND mark <> 'withdrawn'
         ON CONFLICT (event_id, integration_id) DO UPDATE SET outcome = EXCLUDED.outcome, settled_at = now()
          WHERE l.outcome = 'in_flight' AND EXCLUDED.outcome <> 'in_flight'),
       settled_unknown AS (
         UPDATE ingest_ledger_items l SET outcome = e.mark, settled_at = now()
           FROM e WHERE e.integration_id IS NULL AND e.mark NOT IN ('in_flight', 'withdrawn')
            AND l.event_id = e.event_id AND l.outcome = 'in_flight'),
       withdrawn AS (
         DELETE FROM ingest_ledger_items l USING e
          WHERE e.mark = 'withdrawn' AND l.event_id = e.event_id AND l.integration_id = e.integration_id AND l.outcome = 'in_flight')
       SELECT 1`,
      [
        unique.map((entry) => entry.eventId),
        unique.map((entry) => entry.integrationId),
        unique.map((entry) => entry.source),
        unique.map((entry) => entry.mark),
      ],
    );
  }

  /** Daily counts of one integration, days with no item left out. `from` and `to` are inclusive UTC days. */
  async daily(integrationId: string, from: string, to: string): Promise<LedgerDay[]> {
    const rows = await this.dataSource.query<Array<LedgerDay & { day: string }>>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, received, passed, dropped_no_crm_match, dropped_self_user,
              fail_closed, duplicate_event, in_flight
         FROM ingest_ledger_daily
        WHERE integration_id = $1 AND day BETWEEN $2::date AND $3::date
        ORDER BY day`,
      [integrationId, from, to],
    );
    return rows;
  }

  /** Whether the integration exists and belongs to the user (the ledger is its owner's only). */
  async isOwner(userId: string, integrationId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM integrations WHERE id = $1 AND user_id = $2`, [integrationId, userId]);
    return rows.length > 0;
  }
}

/** One entry per (event, integration), a final mark winning over `in_flight`: ON CONFLICT may touch a row once per statement. */
function collapse(entries: readonly LedgerEntry[]): LedgerEntry[] {
  const byKey = new Map<string, LedgerEntry>();
  for (const entry of entries) {
    const key = `${entry.eventId}\u0000${entry.integrationId ?? ''}`;
    const existing = byKey.get(key);
    if (!existing || existing.mark === 'in_flight') byKey.set(key, entry);
  }
  return [...byKey.values()];
}
