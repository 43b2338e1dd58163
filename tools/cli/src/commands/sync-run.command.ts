import { Command } from 'commander';
import { CliError, ExitCode, isUnreachable } from '../cli-exit';
import { emit, type CliIo } from '../cli-io';
import { CALL_TIMEOUT_MS, DEFAULTS } from '../cli.defaults';

interface SyncOptions {
  crmSyncUrl: string;
  token?: string;
  json?: boolean;
}

export function syncCommand(io: CliIo): Command {
  const sync = new Command('sync').description('CRM synchronisation');
  sync
    .command('run')
    .description("start a sync of one integration through crm-sync's POST /integrations/{id}/sync")
    .argument('<integration>', 'integration id (see `sentinel integrations list`)')
    .option('--crm-sync-url <url>', 'crm-sync base URL (CRM_SYNC_URL)', DEFAULTS.crmSyncUrl)
    .option('--token <token>', "bearer token of the integration's owner with crm.integrations.sync (SENTINEL_TOKEN)", process.env.SENTINEL_TOKEN)
    .action(async (integrationId: string, _options: SyncOptions, command: Command) => {
      const options = command.optsWithGlobals<SyncOptions>();
      if (!options.token) throw new CliError('--token or SENTINEL_TOKEN is required (mint one with `sentinel tokens mint`)', ExitCode.Usage);
      const url = `${options.crmSyncUrl}/integrations/${encodeURIComponent(integrationId)}/sync`;
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.token}` },
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      }).catch((error: unknown) => {
        if (isUnreachable(error)) throw new CliError(`crm-sync at ${options.crmSyncUrl} is unreachable`, ExitCode.DependencyUnavailable);
        throw error;
      });
      const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string };
      if (response.status === 503) throw new CliError(`crm-sync is unavailable: ${body.error ?? response.status}`, ExitCode.DependencyUnavailable);
      if (!response.ok) throw new CliError(`sync refused: ${response.status} ${body.error ?? ''} ${body.message ?? ''}`.trim());
      emit(io, Boolean(options.json), { integration_id: integrationId, status: response.status, started: true }, () => [`sync of ${integrationId} started`]);
    });
  return sync;
}
