import { ActivityLogRepository, AuditTrail } from '@sentinel/audit';
import { parseKeyRing, SecretEnvelopeCipher } from '@sentinel/crypto';
import { SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { DataSource } from 'typeorm';
import { CliError, ExitCode } from '../cli-exit';
import { emit, type CliIo } from '../cli-io';
import { DEFAULTS } from '../cli.defaults';
import { withDatabase } from './integrations-list.command';

interface RotateOptions {
  databaseUrl: string;
  keyRing?: string;
  actor: string;
  json?: boolean;
}

/** Where the ring's envelopes are stored: each table, and its sealed columns. */
const SEALED = [
  { table: 'integrations', columns: ['access_token', 'refresh_token'] },
  { table: 'webhook_subscriptions', columns: ['secret'] },
] as const;

type SealedRow = { id: string } & Record<string, string | null>;

/**
 * Step two of a key rotation: with the new key first in the ring and the old one still listed,
 * every integration token and webhook secret is re-encrypted under the newest key. Each write is
 * conditional on the value read, so a token refreshed meanwhile is left to its newer envelope.
 */
export function keysCommand(io: CliIo): Command {
  const keys = new Command('keys').description('encryption keys of integration tokens and webhook secrets');
  keys
    .command('rotate')
    .description('re-encrypt every integration token and webhook secret under the newest key of the ring (run after deploying the new ring)')
    .option('--database-url <url>', 'PostgreSQL URL of the tenant (DATABASE_URL)', DEFAULTS.databaseUrl)
    .option('--actor <user-id>', 'who runs the rotation, for the audit trail', 'system:cli')
    .option('--key-ring <ring>', 'the deployed ring, newest first: `k2:<key>,k1:<key>` (INTEGRATION_ENCRYPTION_KEY)', process.env.INTEGRATION_ENCRYPTION_KEY)
    .action(async (_options: RotateOptions, command: Command) => {
      const options = command.optsWithGlobals<RotateOptions>();
      if (!options.keyRing) throw new CliError('--key-ring or INTEGRATION_ENCRYPTION_KEY is required', ExitCode.Usage);
      let cipher: SecretEnvelopeCipher;
      let keyId: string;
      try {
        const ring = parseKeyRing(options.keyRing);
        keyId = ring.currentKeyId;
        cipher = new SecretEnvelopeCipher(ring);
      } catch (error) {
        throw new CliError(error instanceof Error ? error.message : String(error), ExitCode.Usage);
      }
      const counts = await withDatabase(options.databaseUrl, async (client) => {
        const result = { integrations: 0, webhook_subscriptions: 0, reencrypted: 0, unchanged: 0, skipped_concurrent: 0, failed: 0 };
        for (const { table, columns } of SEALED) {
          const { rows } = await client.query<SealedRow>(`SELECT id, ${columns.join(', ')} FROM ${table} ORDER BY id`);
          result[table] = rows.length;
          // Progress goes to stderr and only for people: --json output stays one document.
          const bar = options.json ? undefined : new SingleBar({ stream: process.stderr, format: `rotating [{bar}] {value}/{total} ${table}` });
          bar?.start(rows.length, 0);
          for (const row of rows) {
            for (const column of columns) {
              const value = row[column];
              if (value === null || value === undefined) continue;
              try {
                const next = cipher.reencrypt(value, { table, column, rowId: row.id });
                if (!next.changed) {
                  result.unchanged += 1;
                  continue;
                }
                const update = await client.query(`UPDATE ${table} SET ${column} = $1, updated_at = now() WHERE id = $2 AND ${column} = $3`, [next.value, row.id, value]);
                if (update.rowCount === 1) result.reencrypted += 1;
                else result.skipped_concurrent += 1;
              } catch {
                // Neither the value nor the reason is printed: the count tells the operator to look.
                result.failed += 1;
              }
            }
            bar?.increment();
          }
          bar?.stop();
        }
        return result;
      });
      await recordRotation(options.databaseUrl, options.actor, keyId, counts);
      emit(io, Boolean(options.json), counts, () => [
        `${counts.reencrypted} secret(s) re-encrypted, ${counts.unchanged} already under the newest key, ${counts.skipped_concurrent} changed meanwhile, ${counts.failed} undecryptable (${counts.integrations} integrations, ${counts.webhook_subscriptions} webhook subscriptions)`,
      ]);
      if (counts.failed > 0) throw new CliError(`${counts.failed} secret(s) do not decrypt with this ring; keep the old key until they are fixed`);
    });
  return keys;
}

/** One `keys.rotated` event in the activity log: the newest key's id and the counts, never a secret. */
async function recordRotation(databaseUrl: string, actor: string, keyId: string, counts: Record<string, number>): Promise<void> {
  const dataSource = new DataSource({ type: 'postgres', url: databaseUrl, connectTimeoutMS: 3_000 });
  try {
    await dataSource.initialize();
    await new AuditTrail(dataSource, new ActivityLogRepository(dataSource)).record({
      event: 'keys.rotated',
      actor: { userId: actor },
      subject: { type: 'integration_key_ring', id: keyId },
      properties: { ...counts },
    });
  } catch (error) {
    throw new CliError(`the rotation ran but its audit event was not recorded (${error instanceof Error ? error.message : String(error)})`, ExitCode.DependencyUnavailable);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}
