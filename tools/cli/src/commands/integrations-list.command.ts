import { Command } from 'commander';
import { Client } from 'pg';
import { CliError, ExitCode } from '../cli-exit';
import { emit, type CliIo } from '../cli-io';
import { CALL_TIMEOUT_MS, DEFAULTS } from '../cli.defaults';

interface ListOptions {
  databaseUrl: string;
  json?: boolean;
}

interface IntegrationRow {
  id: string;
  user_id: string;
  provider: string;
  status: string;
  sync_stage: string;
  external_account_id: string;
  last_synced_at: Date | null;
  last_error_code: string | null;
}

// Token columns are never selected: the CLI cannot print what it never read.
const SQL = `SELECT id, user_id, provider, status, sync_stage, external_account_id, last_synced_at, last_error_code
               FROM integrations ORDER BY created_at, id`;

export function integrationsCommand(io: CliIo): Command {
  const integrations = new Command('integrations').description('CRM and Slack connections of the tenant');
  integrations
    .command('list')
    .description('list every integration from the database (state only, never tokens)')
    .option('--database-url <url>', 'PostgreSQL URL of the tenant (DATABASE_URL)', DEFAULTS.databaseUrl)
    .action(async (_options: ListOptions, command: Command) => {
      const options = command.optsWithGlobals<ListOptions>();
      const rows = await withDatabase(options.databaseUrl, (client) => client.query<IntegrationRow>(SQL).then((result) => result.rows));
      const data = rows.map((row) => ({ ...row, last_synced_at: row.last_synced_at?.toISOString() ?? null }));
      emit(io, Boolean(options.json), { data }, () =>
        data.length === 0
          ? ['no integrations']
          : data.map((row) => `${row.id}  ${row.provider.padEnd(10)} ${row.status.padEnd(15)} ${row.sync_stage.padEnd(20)} user=${row.user_id} account=${row.external_account_id} last_sync=${row.last_synced_at ?? '-'}${row.last_error_code ? ` error=${row.last_error_code}` : ''}`),
      );
    });
  return integrations;
}

/** One connection for one command; an unreachable server is exit 3. */
export async function withDatabase<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: CALL_TIMEOUT_MS });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new CliError(`PostgreSQL is unavailable (${error instanceof Error ? error.message : String(error)})`, ExitCode.DependencyUnavailable);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
