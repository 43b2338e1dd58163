import { verifyAuditChain } from '@sentinel/audit';
import { Command } from 'commander';
import { CliError, ExitCode } from '../cli-exit';
import { emit, type CliIo } from '../cli-io';
import { withDataSource } from '../cli-data-source';
import { DEFAULTS } from '../cli.defaults';

interface VerifyOptions {
  databaseUrl: string;
  json?: boolean;
}

export function auditCommand(io: CliIo): Command {
  const audit = new Command('audit').description('the hash-chained activity log');
  audit
    .command('verify')
    .description('walk activity_log and name the first edited, missing or reordered row (exit 1 when broken)')
    .option('--database-url <url>', 'PostgreSQL URL of the tenant (DATABASE_URL)', DEFAULTS.databaseUrl)
    .action(async (_options: VerifyOptions, command: Command) => {
      const options = command.optsWithGlobals<VerifyOptions>();
      const verdict = await withDataSource(options.databaseUrl, (dataSource) => verifyAuditChain(dataSource));
      emit(io, Boolean(options.json), verdict, () =>
        verdict.ok
          ? [`audit chain intact: ${verdict.rows} rows, head #${verdict.headSeq} ${verdict.headHash}`]
          : [`audit chain BROKEN at row #${verdict.brokenAtSeq}: ${verdict.reason} (${verdict.rows} rows verified before it)`],
      );
      if (!verdict.ok) throw new CliError('the audit chain is broken', ExitCode.Failure);
    });
  return audit;
}
