import './register-workspace-paths';
import { databasePrefix, dropDatabase, setTestRunId, withAdminClient } from '@sentinel/testing';

/** Drops every database this run created (the template and any clone a crashed test left behind). */
export default async function globalTeardown(): Promise<void> {
  const runId = process.env.SENTINEL_TEST_RUN_ID;
  if (!runId) return;
  await withAdminClient(async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
      [databasePrefix(runId)],
    );
    for (const { datname } of rows) await dropDatabase(client, datname);
  });
  setTestRunId(undefined);
}
