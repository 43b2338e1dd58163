import { Command } from 'commander';
import { CliError, ExitCode, isUnreachable } from '../cli-exit';
import { emit, type CliIo } from '../cli-io';
import { CALL_TIMEOUT_MS, DEFAULTS } from '../cli.defaults';

interface LedgerOptions {
  ingestUrl: string;
  token?: string;
  from?: string;
  to?: string;
  json?: boolean;
}

const OUTCOMES = ['passed', 'dropped_no_crm_match', 'dropped_self_user', 'fail_closed', 'duplicate_event', 'in_flight'] as const;
const COLUMNS = ['day', 'received', ...OUTCOMES] as const;
type LedgerCounts = Record<'received' | (typeof OUTCOMES)[number], number>;
type LedgerDay = LedgerCounts & { day: string };

/** ingest's `GET /integrations/:id/ledger` answer. */
interface LedgerView {
  integration_id: string;
  from: string;
  to: string;
  days: LedgerDay[];
  totals: LedgerCounts;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function ingestCommand(io: CliIo): Command {
  const ingest = new Command('ingest').description('ingestion');
  ingest
    .command('ledger')
    .description("daily ingestion counts of one integration through ingest's GET /integrations/{id}/ledger (received = passed + drops + in_flight)")
    .argument('<integration>', 'integration id (see `sentinel integrations list`)')
    .option('--ingest-url <url>', 'ingest base URL (INGEST_URL)', DEFAULTS.services.ingest)
    .option('--token <token>', "bearer token of the integration's owner with crm.ingest_ledger.view (SENTINEL_TOKEN)", process.env.SENTINEL_TOKEN)
    .option('--from <day>', 'first UTC day, YYYY-MM-DD (default: ingest answers the last 30 days)')
    .option('--to <day>', 'last UTC day, YYYY-MM-DD')
    .action(async (integrationId: string, _options: LedgerOptions, command: Command) => {
      const options = command.optsWithGlobals<LedgerOptions>();
      if (!options.token) throw new CliError('--token or SENTINEL_TOKEN is required (mint one with `sentinel tokens mint`)', ExitCode.Usage);
      for (const [name, value] of [['--from', options.from], ['--to', options.to]] as const) {
        if (value !== undefined && !DAY.test(value)) throw new CliError(`${name} must be a day (YYYY-MM-DD)`, ExitCode.Usage);
      }
      const query = new URLSearchParams();
      if (options.from) query.set('from', options.from);
      if (options.to) query.set('to', options.to);
      const search = query.size > 0 ? `?${query.toString()}` : '';
      const url = `${options.ingestUrl}/integrations/${encodeURIComponent(integrationId)}/ledger${search}`;
      const response = await fetch(url, {
        headers: { authorization: `Bearer ${options.token}` },
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      }).catch((error: unknown) => {
        if (isUnreachable(error)) throw new CliError(`ingest at ${options.ingestUrl} is unreachable`, ExitCode.DependencyUnavailable);
        throw error;
      });
      const body = (await response.json().catch(() => ({}))) as Partial<LedgerView> & { error?: string; message?: string | string[] };
      if (response.status === 503) throw new CliError(`ingest is unavailable: ${body.error ?? response.status}`, ExitCode.DependencyUnavailable);
      if (!response.ok) throw new CliError(`ledger refused: ${response.status} ${body.error ?? ''} ${[body.message ?? ''].flat().join('; ')}`.trim());
      if (!Array.isArray(body.days) || typeof body.totals !== 'object' || body.totals === null) throw new CliError('ingest answered a ledger without days or totals');
      const view = body as LedgerView;
      emit(io, Boolean(options.json), view, () => ledgerLines(view));
    });
  return ingest;
}

/** Whether every received item sits in exactly one outcome. */
function balanced(counts: LedgerCounts): boolean {
  return counts.received === OUTCOMES.reduce((sum, outcome) => sum + counts[outcome], 0);
}

function ledgerLines(view: LedgerView): string[] {
  const rows: string[][] = [
    [...COLUMNS, 'balanced'],
    ...view.days.map((day) => [...COLUMNS.map((column) => String(day[column])), balanced(day) ? 'yes' : 'NO']),
    ['total', ...COLUMNS.slice(1).map((column) => String(view.totals[column as keyof LedgerCounts])), balanced(view.totals) ? 'yes' : 'NO'],
  ];
  const widths = rows[0].map((_, index) => Math.max(...rows.map((row) => row[index].length)));
  const table = rows.map((row) => row.map((cell, index) => (index === 0 ? cell.padEnd(widths[index]) : cell.padStart(widths[index]))).join('  ').trimEnd());
  const unbalanced = view.days.filter((day) => !balanced(day)).map((day) => day.day);
  const identity = balanced(view.totals) && unbalanced.length === 0 ? 'received = sum of outcomes: holds' : `received = sum of outcomes: BROKEN on ${unbalanced.length > 0 ? unbalanced.join(', ') : 'the totals'}`;
  return [`ledger of ${view.integration_id}, ${view.from} .. ${view.to}`, ...table, identity];
}
