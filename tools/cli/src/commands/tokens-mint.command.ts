// The dev identity is an application, but its admin client is meant for operator tooling like this.
import { DevIdentityAdminClient, DevIdentityAdminError } from '@sentinel/dev-identity';
import { Command, InvalidArgumentError } from 'commander';
import { CliError, ExitCode, isUnreachable } from '../cli-exit';
import { emit, type CliIo } from '../cli-io';
import { DEFAULTS } from '../cli.defaults';

interface MintOptions {
  identityUrl: string;
  adminKey?: string;
  ttl?: number;
  json?: boolean;
}

export function tokensCommand(io: CliIo): Command {
  const tokens = new Command('tokens').description('bearer tokens of the development identity');
  tokens
    .command('mint')
    .description('mint an access token for a user of the dev identity (development only: needs its admin key)')
    .argument('<user-id>', 'the token subject')
    .option('--identity-url <url>', 'dev identity base URL (IDENTITY_URL)', DEFAULTS.identityUrl)
    .option('--admin-key <key>', 'dev identity admin key (DEV_IDENTITY_ADMIN_KEY)', process.env.DEV_IDENTITY_ADMIN_KEY)
    .option('--ttl <seconds>', 'lifetime in seconds (default: the identity service TTL)', positiveInt)
    .action(async (userId: string, _options: MintOptions, command: Command) => {
      const options = command.optsWithGlobals<MintOptions>();
      if (!options.adminKey) throw new CliError('--admin-key or DEV_IDENTITY_ADMIN_KEY is required', ExitCode.Usage);
      const admin = new DevIdentityAdminClient(options.identityUrl, options.adminKey);
      const minted = await admin.mintToken({ subject: userId, ...(options.ttl ? { ttlSeconds: options.ttl } : {}) }).catch((error: unknown) => {
        if (isUnreachable(error)) throw new CliError(`the dev identity at ${options.identityUrl} is unreachable`, ExitCode.DependencyUnavailable);
        if (error instanceof DevIdentityAdminError) throw new CliError(`the dev identity refused: ${error.status} ${error.code}`);
        throw error;
      });
      const expiresAt = typeof minted.claims.exp === 'number' ? new Date(minted.claims.exp * 1000).toISOString() : null;
      emit(io, Boolean(options.json), { subject: userId, token: minted.token, expires_at: expiresAt }, () => [minted.token]);
    });
  return tokens;
}

function positiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('must be a positive integer');
  return Number(value);
}
