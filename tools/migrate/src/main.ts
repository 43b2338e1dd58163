import 'reflect-metadata';
import { loadConfigOrExit } from '@sentinel/config';
import { runMigrations } from '@sentinel/persistence';
import { MigrateEnv } from './migrate.env';

/** `npm run db:migrate`, the compose `migrate` service and the Helm pre-install hook all run this. */
async function main(): Promise<void> {
  const config = loadConfigOrExit(MigrateEnv);
  const applied = await runMigrations({ url: config.DATABASE_URL, directUrl: config.DATABASE_DIRECT_URL });
  process.stdout.write(applied.length === 0 ? 'Schema is up to date.\n' : `Applied ${applied.length} migration(s): ${applied.join(', ')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
