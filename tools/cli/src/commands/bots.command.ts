import { ActivityLogRepository, AuditTrail } from '@sentinel/audit';
import { issueBotToken } from '@sentinel/crypto';
import { Command } from 'commander';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CliError, ExitCode } from '../cli-exit';
import { emit, type CliIo } from '../cli-io';
import { withDataSource } from '../cli-data-source';
import { DEFAULTS } from '../cli.defaults';
import { withDatabase } from './integrations-list.command';

interface BotOptions {
  databaseUrl: string;
  actor: string;
  json?: boolean;
}

interface BotRow {
  id: string;
  name: string;
  token_prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** What an operator calls a bot: lowercase letters, digits, `.`, `_`, `-`, up to 64 characters. */
const BOT_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const UNIQUE_VIOLATION = '23505';
// The digest column is never selected: the CLI cannot print what it never read.
const LIST_SQL = `SELECT id, name, token_prefix, created_at, last_used_at, revoked_at FROM bot_tokens ORDER BY created_at, id`;

/**
 * Meeting-bot credentials for ingest's `POST /bot/items`. `issue` prints the token once and stores
 * only its SHA-256 and lookup prefix; `revoke` ends it at once. Both are audited (`bot_token.*`).
 */
export function botsCommand(io: CliIo): Command {
  const bots = new Command('bots').description('meeting-bot tokens of POST /bot/items on ingest');
  const databaseOption = ['--database-url <url>', 'PostgreSQL URL of the tenant (DATABASE_URL)', DEFAULTS.databaseUrl] as const;
  const actorOption = ['--actor <user-id>', 'who runs the command, for the audit trail', 'system:cli'] as const;

  bots
    .command('issue <name>')
    .description('issue a token for a bot (shown once; only its hash is stored)')
    .option(...databaseOption)
    .option(...actorOption)
    .action(async (name: string, _options: BotOptions, command: Command) => {
      const options = command.optsWithGlobals<BotOptions>();
      if (!BOT_NAME.test(name)) throw new CliError('a bot name is 1-64 lowercase letters, digits, ".", "_" or "-"', ExitCode.Usage);
      const issued = issueBotToken();
      const id = randomUUID();
      const createdAt = await withDataSource(options.databaseUrl, (dataSource) =>
        audited(dataSource, options.actor, 'bot_token.issued', id, async (run) => {
          try {
            const [row] = await run<Array<{ created_at: Date }>>(
              `INSERT INTO bot_tokens (id, name, token_prefix, token_sha256) VALUES ($1, $2, $3, $4) RETURNING created_at`,
              [id, name, issued.prefix, issued.sha256],
            );
            return row?.created_at ?? new Date();
          } catch (error) {
            if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new CliError(`bot "${name}" already has a live token; revoke it first`);
            throw error;
          }
        }),
      );
      const result = { id, name, token: issued.token, prefix: issued.prefix, created_at: createdAt.toISOString() };
      emit(io, Boolean(options.json), result, () => [
        `bot ${name} (${id}) token:`,
        issued.token,
        'Store it in the bot now: it is not shown again. Requests send it as "Authorization: Bot <token>".',
      ]);
    });

  bots
    .command('list')
    .description('list bot tokens: name, prefix, use and revocation (never a token or hash)')
    .option(...databaseOption)
    .action(async (_options: BotOptions, command: Command) => {
      const options = command.optsWithGlobals<BotOptions>();
      const rows = await withDatabase(options.databaseUrl, (client) => client.query<BotRow>(LIST_SQL).then((result) => result.rows));
      const data = rows.map((row) => ({
        id: row.id,
        name: row.name,
        prefix: row.token_prefix,
        created_at: row.created_at.toISOString(),
        last_used_at: row.last_used_at?.toISOString() ?? null,
        revoked_at: row.revoked_at?.toISOString() ?? null,
      }));
      emit(io, Boolean(options.json), { data }, () =>
        data.length === 0
          ? ['no bot tokens']
          : data.map((row) => `${row.id}  ${row.name.padEnd(24)} ${row.prefix}…  ${row.revoked_at ? `revoked ${row.revoked_at}` : 'live'}  last_used=${row.last_used_at ?? '-'}`),
      );
    });

  bots
    .command('revoke <name-or-id>')
    .description("revoke a bot's live token; its requests get 401 from then on")
    .option(...databaseOption)
    .option(...actorOption)
    .action(async (nameOrId: string, _options: BotOptions, command: Command) => {
      const options = command.optsWithGlobals<BotOptions>();
      const revoked = await withDataSource(options.databaseUrl, async (dataSource) => {
        const [live] = await dataSource.query<Array<{ id: string }>>(
          `SELECT id FROM bot_tokens WHERE revoked_at IS NULL AND (name = $1 OR id::text = $1)`,
          [nameOrId],
        );
        if (!live) throw new CliError(`no live bot token named or with id "${nameOrId}"`);
        return audited(dataSource, options.actor, 'bot_token.revoked', live.id, async (run) => {
          // TypeORM answers an UPDATE with [rows, affected count].
          const [[row]] = await run<[Array<{ id: string; name: string; revoked_at: Date }>, number]>(
            `UPDATE bot_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id, name, revoked_at`,
            [live.id],
          );
          if (!row) throw new CliError(`no live bot token named or with id "${nameOrId}"`);
          return { id: row.id, name: row.name, revoked_at: row.revoked_at.toISOString() };
        });
      });
      emit(io, Boolean(options.json), revoked, () => [`bot ${revoked.name} (${revoked.id}) revoked at ${revoked.revoked_at}`]);
    });
  return bots;
}

type Run = <T>(sql: string, parameters: unknown[]) => Promise<T>;

/** The change and its audit event commit together: no token is issued or revoked unrecorded. */
function audited<T>(dataSource: DataSource, actor: string, event: string, botId: string, change: (run: Run) => Promise<T>): Promise<T> {
  const audit = new AuditTrail(dataSource, new ActivityLogRepository(dataSource));
  return dataSource.transaction(async (manager) => {
    const result = await change((sql, parameters) => manager.query(sql, parameters));
    await audit.record({ event, actor: { userId: actor }, subject: { type: 'bot_token', id: botId } }, manager);
    return result;
  });
}
