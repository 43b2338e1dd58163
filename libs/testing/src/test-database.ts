import { dropDatabase, quoteIdentifier, withAdminClient } from './admin-sql';
import { databasePrefix, postgresUrlFor, templateDatabaseName, testRunId, uniqueTestName } from './test-infrastructure';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database with the newest schema, cloned from the run's template. Call `drop()` in afterAll. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const runId = testRunId();
  const name = `${databasePrefix(runId)}${uniqueTestName('db').replace(/-/g, '_')}`;
  await withAdminClient((client) =>
    client.query(`CREATE DATABASE ${quoteIdentifier(name)} TEMPLATE ${quoteIdentifier(templateDatabaseName(runId))}`),
  );
  return {
    name,
    url: postgresUrlFor(name),
    drop: () => withAdminClient((client) => dropDatabase(client, name)),
  };
}
