import { Command } from 'commander';
import { CliError, ExitCode } from '../cli-exit';
import { emit, type CliIo } from '../cli-io';
import { DEFAULTS } from '../cli.defaults';
import { checkConfiguration, checkDependencies, type CheckResult } from '../doctor/dependency-checks';

interface DoctorOptions {
  databaseUrl: string;
  redisUrl: string;
  rabbitmqUrl: string;
  identityUrl: string;
  ingestUrl: string;
  crmSyncUrl: string;
  identityBridgeUrl: string;
  riskUrl: string;
  json?: boolean;
}

export function doctorCommand(io: CliIo): Command {
  return new Command('doctor')
    .description('check the configuration and every dependency (exit 1: configuration, 3: a dependency is down)')
    .option('--database-url <url>', 'PostgreSQL (DATABASE_URL)', DEFAULTS.databaseUrl)
    .option('--redis-url <url>', 'Redis (REDIS_URL)', DEFAULTS.redisUrl)
    .option('--rabbitmq-url <url>', 'RabbitMQ (RABBITMQ_URL)', DEFAULTS.rabbitmqUrl)
    .option('--identity-url <url>', 'identity service, for its JWKS (IDENTITY_URL)', DEFAULTS.identityUrl)
    .option('--ingest-url <url>', 'ingest (INGEST_URL)', DEFAULTS.services.ingest)
    .option('--crm-sync-url <url>', 'crm-sync (CRM_SYNC_URL)', DEFAULTS.services['crm-sync'])
    .option('--identity-bridge-url <url>', 'identity-bridge (IDENTITY_BRIDGE_URL)', DEFAULTS.services['identity-bridge'])
    .option('--risk-url <url>', 'risk (RISK_URL)', DEFAULTS.services.risk)
    .action(async (_options: DoctorOptions, command: Command) => {
      const options = command.optsWithGlobals<DoctorOptions>();
      const targets = {
        databaseUrl: options.databaseUrl,
        redisUrl: options.redisUrl,
        rabbitmqUrl: options.rabbitmqUrl,
        identityUrl: options.identityUrl,
        services: { ingest: options.ingestUrl, 'crm-sync': options.crmSyncUrl, 'identity-bridge': options.identityBridgeUrl, risk: options.riskUrl },
      };
      const configuration = checkConfiguration(targets);
      const checks = configuration.every((check) => check.ok) ? [...configuration, ...(await checkDependencies(targets))] : configuration;
      const failed = checks.filter((check) => !check.ok);
      emit(io, Boolean(options.json), { ok: failed.length === 0, checks }, () => [...checks.map(line), '', failed.length === 0 ? 'everything is fine' : `${failed.length} problem(s)`]);
      if (failed.some((check) => check.kind === 'configuration')) throw new CliError('the configuration is invalid', ExitCode.Failure);
      if (failed.length > 0) throw new CliError(`unavailable: ${failed.map((check) => check.name).join(', ')}`, ExitCode.DependencyUnavailable);
    });
}

function line(check: CheckResult): string {
  return `${check.ok ? '✓' : '✗'} ${check.name.padEnd(28)} ${check.detail}${check.fix ? `\n    fix: ${check.fix}` : ''}`;
}
