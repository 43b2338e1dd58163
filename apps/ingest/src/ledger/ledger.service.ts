import { Injectable } from '@nestjs/common';
import { IntegrationNotFoundError, LedgerRangeInvalidError } from '../errors/ledger.errors';
import { IngestLedgerRepository, type LedgerDay } from '../repositories/ingest-ledger.repository';
import type { LedgerQuery } from './ledger.query';
import type { LedgerView } from './ledger.view';

export const LEDGER_MAX_DAYS = 92;
const DEFAULT_DAYS = 30;
const DAY_MS = 86_400_000;

/** Reads an integration's ingestion ledger for its owner. */
@Injectable()
export class LedgerService {
  constructor(private readonly ledger: IngestLedgerRepository) {}

  async read(userId: string, integrationId: string, query: LedgerQuery, now = new Date()): Promise<LedgerView> {
    const { from, to } = range(query, now);
    if (!(await this.ledger.isOwner(userId, integrationId))) throw new IntegrationNotFoundError();
    const days = await this.ledger.daily(integrationId, from, to);
    return { integration_id: integrationId, from, to, days, totals: totals(days) };
  }
}

function range(query: LedgerQuery, now: Date): { from: string; to: string } {
  const to = query.to ? parseDay(query.to, 'to') : Date.parse(now.toISOString().slice(0, 10));
  const from = query.from ? parseDay(query.from, 'from') : to - (DEFAULT_DAYS - 1) * DAY_MS;
  if (from > to) throw new LedgerRangeInvalidError('from is after to');
  if ((to - from) / DAY_MS + 1 > LEDGER_MAX_DAYS) throw new LedgerRangeInvalidError(`the range spans more than ${LEDGER_MAX_DAYS} days`);
  return { from: dayOf(from), to: dayOf(to) };
}

function parseDay(value: string, name: string): number {
  const time = Date.parse(`${value}T00:00:00Z`);
  // Date.parse rolls 2026-02-30 over; a day that does not print back as itself is not a day.
  if (Number.isNaN(time) || dayOf(time) !== value) throw new LedgerRangeInvalidError(`${name} is not a calendar day`);
  return time;
}

function dayOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function totals(days: readonly LedgerDay[]): LedgerView['totals'] {
  const sum = { received: 0, passed: 0, dropped_no_crm_match: 0, dropped_self_user: 0, fail_closed: 0, duplicate_event: 0, in_flight: 0 };
  for (const day of days) for (const key of Object.keys(sum) as Array<keyof typeof sum>) sum[key] += day[key];
  return sum;
}
