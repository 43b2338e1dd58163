import 'reflect-metadata';
import { loadConfigOrExit } from '@sentinel/config';
import { runAuditVerify } from './audit-verify.command';
import { AuditVerifyEnv } from './audit-verify.env';

/** `npx nx run audit-verify:verify` with DATABASE_URL: checks the tenant's audit chain. */
async function main(): Promise<void> {
  const config = loadConfigOrExit(AuditVerifyEnv);
  process.exitCode = await runAuditVerify(config.DATABASE_URL, (line) => process.stdout.write(`${line}\n`));
}

main().catch((error: unknown) => {
  process.stderr.write(`Audit verification could not run: ${error instanceof Error ? error.name : 'unknown error'}\n`);
  process.exit(1);
});
