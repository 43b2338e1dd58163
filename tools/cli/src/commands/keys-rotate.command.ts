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

interface TokenRow {
  id: string;
  access_token: string | null;
  refresh_token: string | null;
}

const COLUMNS = ['access_token', 'refresh_token'] as const;

/**
 * Step two of a key rotation: with the new key first in the ring and the old one
 * still listed, every integration token is re-encrypted under the newest key. Each write is
 * conditional on the value read, so a token refreshed meanwhile is left to its newer envelope.
 */
export function keysCommand(io: CliIo): Command {
  const keys = new Command('keys').description('integration token encryption keys');
  keys
    .command('rotate')
    .description('re-encrypt every integration token under the newest key of the ring (run after deploying the new ring)')
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
        const { rows } = await client.query<TokenRow>('SELECT id, access_token, refresh_token FROM integrations ORDER BY id');
        const result = { integrations: rows.length, reencrypted: 0, unchanged: 0, skipped_concurrent: 0, failed: 0 };
        // Progress goes to stderr and only for people: --json output stays one document.
        const bar = options.json ? undefined : new SingleBar({ stream: process.stderr, format: 'rotating [{bar}] {value}/{total} integrations' });
        bar?.start(rows.length, 0);
        for (const row of rows) {
          for (const column of COLUMNS) {
            const value = row[column];
            if (value === null) continue;
            try {
              const next = cipher.reencrypt(value, { table: 'integrations', column, rowId: row.id });
              if (!next.changed) {
                result.unchanged += 1;
                continue;
              }
              const update = await client.query(`UPDATE integrations SET ${column} = $1, updated_at = now() WHERE id = $2 AND ${column} = $3`, [next.value, row.id, value]);
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
        return result;
      });
      await recordRotation(options.databaseUrl, options.actor, keyId, counts);
      emit(io, Boolean(options.json), counts, () => [
        `${counts.reencrypted} token(s) re-encrypted, ${counts.unchanged} already under the newest key, ${counts.skipped_concurrent} changed meanwhile, ${counts.failed} undecryptable (${counts.integrations} integrations)`,
      ]);
      if (counts.failed > 0) throw new CliError(`${counts.failed} token(s) do not decrypt with this ring; keep the old key until they are fixed`);
    });
  return keys;
}

/** One `keys.rotated` event in the activity log: the newest key's id and the counts, never a token. */
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
