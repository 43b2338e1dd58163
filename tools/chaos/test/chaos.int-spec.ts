// Test-only: the ingest app's queue names, to remove the tenant's queues after the run. The app
// itself runs as separate processes (support/ingest-process.ts); nothing else of it is imported.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ATTACHMENTS_QUEUE, CONTACTS_QUEUE, INBOUND_ITEM_EVENT, INBOUND_QUEUE, LEDGER_QUEUE } from '../../../apps/ingest/src/inbound/inbound.events';
import { consumerQueueNames, retryDelayMs, type RetryPolicy } from '@sentinel/messaging';
import { runMigrations } from '@sentinel/persistence';
import {
  closedLoopbackPort,
  createTestRedisPrefix,
  deleteRedisPrefix,
  TcpFaultProxy,
  TEST_RABBITMQ_URL,
  TEST_REDIS_URL,
  uniqueTestName,
  waitFor,
} from '@sentinel/testing';
import { deleteBrokerObjects } from '@sentinel/testing-services';
import { connect } from 'amqplib';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { formatChaosReport } from '../src/chaos-report';
import { scaleFromEnv } from '../src/chaos-scale';
import { buildWorkload, type ChaosWorkload } from '../src/chaos-workload';
import { auditRun, settledDeliveries } from './support/chaos-audit';
import { chaosFaults, POSTGRES_CUT_MS } from './support/chaos-faults';
import { recordTruth, seedContactBook, seedMailbox } from './support/chaos-seed';
import { plannedDurationMs, runFaults } from './support/fault-schedule';
import { ingestLaunchArgs } from './support/ingest-process';
import { PacedPublisher } from './support/paced-publisher';
import { PrivatePostgres } from './support/private-postgres';
import { WorkerPool } from './support/worker-pool';

jest.setTimeout(300_000);

/** Traffic before each fault, so that every fault hits a system that is busy and partly recovered. */
const GAP_BEFORE_FAULT_MS = 4_000;
/** Publishing outlasts the planned schedule, so the last fault still finds items arriving. */
const PUBLISH_BEYOND_SCHEDULE_MS = 15_000;
const SETTLE_LIMIT_MS = 180_000;
/**
 * The gate's retry bound for this run: 20 deliveries, backoff 1-5 s with full jitter. Its shortest
 * possible window (every delay at the jitter floor) is asserted to outlast each outage, which is
 * the condition under which issue 11 requires 0 `fail_closed`.
 */
const RETRY: RetryPolicy = { maxAttempts: 20, baseDelayMs: 1_000, maxDelayMs: 5_000 };

/** `url` with its host and port replaced by the proxy's. */
function through(proxy: TcpFaultProxy, url: string): string {
  const rewritten = new URL(url);
  rewritten.hostname = '127.0.0.1';
  rewritten.port = String(proxy.port);
  return rewritten.toString();
}

function proxyFor(url: string, defaultPort: number): Promise<TcpFaultProxy> {
  const target = new URL(url);
  return new TcpFaultProxy(target.hostname, Number(target.port || defaultPort)).start();
}

/** The shortest time an item can spend being retried before it is dropped as `fail_closed`. */
function shortestRetryWindowMs(policy: RetryPolicy): number {
  let total = 0;
  for (let attempt = 1; attempt < policy.maxAttempts; attempt += 1) total += retryDelayMs(policy, attempt, () => 0);
  return total;
}

describe('chaos run (issue 11): two ingest workers through PostgreSQL, RabbitMQ and Redis faults and a SIGKILL', () => {
  const scale = scaleFromEnv(process.env);
  const tenantId = uniqueTestName('chaos');
  const eventsExchange = `test.${tenantId}.events`;
  const redisPrefix = createTestRedisPrefix();
  let postgres: PrivatePostgres | undefined;
  let db: Pool;
  const proxies: TcpFaultProxy[] = [];
  let workers: WorkerPool | undefined;
  let publisher: PacedPublisher | undefined;
  let workload: ChaosWorkload;
  let postgresProxy: TcpFaultProxy;
  let rabbitmqProxy: TcpFaultProxy;
  let redisProxy: TcpFaultProxy;

  beforeAll(async () => {
    postgres = await PrivatePostgres.create();
    const databaseUrl = await postgres.createDatabase('sentinel');
    await runMigrations({ url: databaseUrl });
    // A pool: the restart terminates its sessions, and the next query takes a new one.
    db = new Pool({ connectionString: databaseUrl, max: 2 });
    db.on('error', () => undefined);
    const mailbox = await seedMailbox(db, 'chaos-user', 'me@ours.example.com');
    workload = buildWorkload(scale, mailbox);
    await seedContactBook(db, mailbox.userId, mailbox.crmIntegrationId, workload.contactEmails);
    await recordTruth(db, workload);

    postgresProxy = await proxyFor(postgres.url(), postgres.port);
    rabbitmqProxy = await proxyFor(TEST_RABBITMQ_URL, 5672);
    redisProxy = await proxyFor(TEST_REDIS_URL, 6379);
    proxies.push(postgresProxy, rabbitmqProxy, redisProxy);
    const closed = `http://127.0.0.1:${await closedLoopbackPort()}`;
    workers = new WorkerPool({
      TENANT_ID: tenantId,
      DATABASE_URL: through(postgresProxy, databaseUrl),
      REDIS_URL: through(redisProxy, TEST_REDIS_URL),
      REDIS_KEY_PREFIX: redisPrefix,
      RABBITMQ_URL: through(rabbitmqProxy, TEST_RABBITMQ_URL),
      EVENTS_EXCHANGE: eventsExchange,
      LOG_LEVEL: 'warn',
      SHUTDOWN_GRACE_MS: '2000',
      IDENTITY_URL: closed,
      IDENTITY_ISSUER: closed,
      SYSTEM_API_TOKEN: randomBytes(24).toString('hex'),
      GOOGLE_POLL_INTERVAL_SECONDS: '0',
      INGEST_MAX_ATTEMPTS: String(RETRY.maxAttempts),
      INGEST_RETRY_BASE_MS: String(RETRY.baseDelayMs),
      INGEST_RETRY_MAX_MS: String(RETRY.maxDelayMs),
      INGEST_QUERY_TIMEOUT_MS: '3000',
    });
    await workers.start(2);
    // Both consumers attached (the queue and its bindings declared before each consumer starts).
    const broker = await connect(TEST_RABBITMQ_URL);
    try {
      await waitFor('both workers consuming', async () => {
        const channel = await broker.createChannel();
        channel.on('error', () => undefined);
        try {
          return (await channel.checkQueue(consumerQueueNames(tenantId, INBOUND_QUEUE).main)).consumerCount === 2;
        } finally {
          await channel.close().catch(() => undefined);
        }
      }, 60_000, 250);
    } finally {
      await broker.close();
    }
    publisher = await PacedPublisher.open(TEST_RABBITMQ_URL, { tenantId, exchange: eventsExchange, eventType: INBOUND_ITEM_EVENT });
  });

  afterAll(async () => {
    await publisher?.close();
    await workers?.stopAll();
    await Promise.all(proxies.map((proxy) => proxy.stop()));
    await db?.end();
    await deleteBrokerObjects(tenantId, [INBOUND_QUEUE, LEDGER_QUEUE, CONTACTS_QUEUE, ATTACHMENTS_QUEUE], [eventsExchange]);
    await deleteRedisPrefix(redisPrefix);
    await postgres?.destroy();
  });

  it('admits only contact mail, loses nothing, stores nothing twice, and every worker but the killed one survives', async () => {
    if (!workers || !publisher || !postgres) throw new Error('setup failed');
    expect(shortestRetryWindowMs(RETRY)).toBeGreaterThan(POSTGRES_CUT_MS);
    const faults = chaosFaults({ postgresProxy, rabbitmqProxy, redisProxy, postgres, pool: workers, inboundQueue: INBOUND_QUEUE });
    const deliveries = workload.deliveries;

    const startedAt = Date.now();
    const publishing = publisher.publishOver(deliveries, plannedDurationMs(faults, GAP_BEFORE_FAULT_MS) + PUBLISH_BEYOND_SCHEDULE_MS);
    // Awaited below; when a fault fails the test first, closing the publisher must not surface as unhandled.
    publishing.catch(() => undefined);
    const faultFigures = await runFaults(faults, workers, GAP_BEFORE_FAULT_MS);
    await publishing;
    const live = workers;
    await waitFor('every delivery settled in the ledger', async () => live.anyDied() || (await settledDeliveries(db)) >= deliveries.length, SETTLE_LIMIT_MS, 500);
    const runSeconds = (Date.now() - startedAt) / 1000;
    workers.assertAlive();
    await waitFor('every worker ready at the end', () => live.allReady(), 30_000, 200);

    const audit = await auditRun(db);
    const retried = (
      await Promise.all(live.live.map((worker) => worker.counter('messaging_deliveries_total', { queue: INBOUND_QUEUE, outcome: 'retried' })))
    ).reduce((sum, count) => sum + count, 0);
    console.log(
      formatChaosReport({
        items: scale.items,
        contacts: scale.contacts,
        deliveries: deliveries.length,
        workerLaunch: ingestLaunchArgs().compiled ? 'compiled' : 'ts-node',
        outcomes: audit.outcomes,
        expected: workload.expected,
        faults: faultFigures,
        runSeconds,
        retried,
        storedMessages: audit.storedMessages,
        overAdmitted: audit.overAdmitted,
        duplicateRows: audit.duplicateRows,
        unaccounted: audit.unaccounted,
      }),
    );

    // Over-admission: every stored message has a participant in the contact book.
    expect(audit.overAdmitted).toBe(0);
    expect(audit.storedMessages).toBe(workload.expected.passed);
    // Nothing lost: every envelope has exactly one ledger row, with the outcome its item calls for.
    expect(audit.unaccounted).toBe(0);
    expect(audit.countedTwice).toBe(0);
    expect(audit.unknownLedgerRows).toBe(0);
    expect(audit.wrongDrops).toBe(0);
    expect(audit.admissibleNotPassedOnce).toBe(0);
    expect(audit.outcomes).toEqual({ ...workload.expected, in_flight: 0 });
    expect(audit.outcomes.fail_closed).toBe(0);
    // Nothing stored twice.
    expect(audit.duplicateRows).toBe(0);
    // The killed worker died of the test's SIGKILL; every other worker is alive and ready.
    expect(workers.killed.map((worker) => worker.exit)).toEqual(['SIGKILL']);
    expect(workers.live).toHaveLength(2);
    expect(workers.live.every((worker) => worker.alive)).toBe(true);
    // Each fault bit (readiness dropped, items went back through the broker) and was recovered from.
    expect(faultFigures.map((figure) => figure.fault)).toEqual(faults.map((fault) => fault.name));
    expect(faultFigures.filter((figure) => figure.outageMs > 0 && !figure.seenNotReady)).toEqual([]);
    expect(retried).toBeGreaterThan(0);
  });
});
