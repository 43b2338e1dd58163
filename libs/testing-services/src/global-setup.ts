import './register-workspace-paths';

import { runMigrations } from '@sentinel/persistence';
import { dropDatabase, postgresUrlFor, quoteIdentifier, setTestRunId, templateDatabaseName, withAdminClient } from '@sentinel/testing';

/**
 * Once per jest run: a template database migrated to the newest schema. Each test file clones it
 * (`CREATE DATABASE ... TEMPLATE`), which costs milliseconds instead of a migration run.
 * Jest calls every project's global setup; the run id makes the second and later calls no-ops.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.SENTINEL_TEST_RUN_ID) return;
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const template = templateDatabaseName(runId);
  await withAdminClient(async (client) => {
    await dropDatabase(client, template);
    await client.query(`CREATE DATABASE ${quoteIdentifier(template)}`);
  });
  await runMigrations({ url: postgresUrlFor(template) });
  setTestRunId(runId);
}
