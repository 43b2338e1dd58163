/**
 * Where the test suite finds the machine's services. Each run works in its own database names,
 * Redis key prefix and RabbitMQ names, so two runs on one machine never collide.
 */
export const TEST_POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
export const TEST_RABBITMQ_URL = process.env.TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

const RUN_ID_VARIABLE = 'SENTINEL_TEST_RUN_ID';

/** The id of this `jest` run, set once by the global setup and inherited by every worker. */
export function testRunId(): string {
  const id = process.env[RUN_ID_VARIABLE];
  if (!id) throw new Error(`${RUN_ID_VARIABLE} is not set: run tests through jest's global setup`);
  return id;
}

export function setTestRunId(id: string | undefined): void {
  if (id === undefined) delete process.env[RUN_ID_VARIABLE];
  else process.env[RUN_ID_VARIABLE] = id;
}

export function postgresUrlFor(database: string): string {
  const url = new URL(TEST_POSTGRES_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export function templateDatabaseName(runId: string): string {
  return `sentinel_t_${runId}_template`;
}

export function databasePrefix(runId: string): string {
  return `sentinel_t_${runId}_`;
}

let uniqueCounter = 0;
/** A short name unique within this run, safe for databases, queues, tenants and key prefixes. */
export function uniqueTestName(label: string): string {
  uniqueCounter += 1;
  const random = Math.random().toString(36).slice(2, 8);
  return `${label}-${process.pid.toString(36)}${uniqueCounter.toString(36)}${random}`.toLowerCase();
}
