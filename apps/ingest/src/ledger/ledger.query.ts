import { IsOptional, Matches } from 'class-validator';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `GET /integrations/:id/ledger` query: inclusive UTC days; defaults to the last 30 days. */
export class LedgerQuery {
  @IsOptional()
  @Matches(DAY, { message: 'from must be a day (YYYY-MM-DD)' })
  from?: string;

  @IsOptional()
  @Matches(DAY, { message: 'to must be a day (YYYY-MM-DD)' })
  to?: string;
}
