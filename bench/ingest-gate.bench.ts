/**
 * Ingest gate: items/s from the tenant's inbound queue to PostgreSQL through the real ingest worker
 * (micro-batches: one dedup query, one contact-book query, one multi-row insert per batch) vs a
 * one-item-at-a-time baseline (pre-check, gate query, insert per item) and vs the raw ceiling (the
 * same rows inserted with no gate at all), on the same data in the same run. The queue holds the
 * items in bundles, as the Gmail and Calendar sources publish them; the same work one event per
 * message (the Slack receiver's shape) is measured for reference. The worker runs with the ingest
 * image's Node options (bench/service-node-options.ts). See bench/README.md.
 *   npx ts-node --transpile-only -r tsconfig-paths/register bench/ingest-gate.bench.ts
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@sentinel/config';
import { BUNDLE_LIMITS, ConsumerHost, decodeMessage, EventPublisher, validateEventData, type EventEnvelope } from '@sentinel/messaging';
import { METRICS_REGISTRY } from '@sentinel/observability';
import { runMigrations } from '@sentinel/persistence';
import { createServiceApp } from '@sentinel/platform';
import { normalizeEmail } from '@sentinel/providers';
import {
  closedLoopbackPort,
  deleteRedisPrefix,
  dropDatabase,
  postgresUrlFor,
  quoteIdentifier,
  TEST_RABBITMQ_URL,
  TEST_REDIS_URL,
  withAdminClient,
} from '@sentinel/testing';
import { declaredConsumersOf, deleteBrokerObjects } from '@sentinel/testing-services';
import { connect, type ChannelModel } from 'amqplib';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Client } from 'pg';
import type { Registry } from 'prom-client';
// The worker lives in the ingest app; the bench measures exactly that code path.
import { InboundItem } from '../apps/ingest/src/inbound/inbound-item.event';
import { INBOUND_ITEM_EVENT, INBOUND_QUEUE } from '../apps/ingest/src/inbound/inbound.events';
import { IngestEnv } from '../apps/ingest/src/ingest.env';
import { GATE_BATCH } from '../apps/ingest/src/gate/inbound-item.worker';
import { IngestModule } from '../apps/ingest/src/ingest.module';
import { cpuPerItem, cpuSnapshot, type CpuPerItem } from './process-cpu';
import { runsWithServiceNodeOptions, serviceNodeOptions } from './service-node-options';

const CONTACTS = 10_000;
const ITEMS = 10_000;
/** Items (with ids of their own) each path handles before its timed run, so V8 has compiled its code. */
const WARMUP_ITEMS = 2_000;
/** Timed drains of the worker and ceiling inserts, each on fresh rows; the median is reported (one run lasts about a second). */
const ROUNDS = 5;
const ADMITTED_SHARE = 0.5;
/** Rows per ceiling statement: the worker's micro-batch size, so a batch's rows would fit one statement. */
const INSERT_CHUNK = GATE_BATCH.maxSize;
const GOAL_BASELINE_RATIO = 20;
const GOAL_CEILING_SHARE = 0.5;
const RESULTS_FILE = join(__dirname, 'results', 'ingest-gate.json');
const USER_ID = 'bench-user';
const SELF = 'me@ours.example.com';

interface PathFigures {
  items: number;
  seconds: number;
  itemsPerSecond: number;
  cpu?: CpuPerItem;
}

/**
 * A full collection before each timed phase: the garbage of filling the queue (items built, events
 * serialized) belongs to the bench, not to the path measured next. Exposed here rather than with a
 * node flag, so the bench runs as a plain script.
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const figures = (items: number, startedAt: number): PathFigures => {
  const seconds = (performance.now() - startedAt) / 1000;
  return { items, seconds, itemsPerSecond: items / seconds };
};

/** Half of the items have a participant in the book (in display-name or mixed-case form), half only strangers. */
function buildItems(integrationId: string, count: number, idPrefix: string): InboundItem[] {
  return Array.from({ length: count }, (_, index) => {
    const admitted = index % Math.round(1 / ADMITTED_SHARE) === 0;
    const other = admitted ? `"Contact ${index}" <Contact${(index * 7) % CONTACTS}@Client.example.com>` : `stranger${index}@elsewhere.example.org`;
    return {
      source: 'gmail',
      integration_id: integrationId,
      user_id: USER_ID,
      external_id: `${idPrefix}-${index}`,
      participants: [
        { role: 'from', email: other },
        { role: 'to', email: SELF },
        { role: 'cc', email: `colleague${index % 50}@ours-other.example.com` },
      ],
      conversation: { kind: 'email_thread', thread_id: `thread-${index % 500}` },
      subject: `Subject ${index}`,
      body_text: `Body of message ${index}. `.repeat(20),
      occurred_at: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString(),
    };
  });
}

async function seed(db: Client): Promise<string> {
  const crm = randomUUID();
  const gmail = randomUUID();
  await db.query(
    `INSERT INTO integrations (id, user_id, provider, status, external_account_id, sync_stage)
     VALUES ($1, $3, 'hubspot', 'connected', 'portal', 'incremental_pending'), ($2, $3, 'gmail', 'connected', $4, 'incremental_pending')`,
    [crm, gmail, USER_ID, SELF],
  );
  const ids = Array.from({ length: CONTACTS }, () => randomUUID());
  const emails = ids.map((_, index) => `contact${index}@client.example.com`);
  await db.query(
    `INSERT INTO contacts (id, integration_id, user_id, provider, external_id, email, synced_at)
     SELECT id, $2, $3, 'hubspot', 'hs-' || n, email, now() FROM unnest($1::uuid[], $4::text[]) WITH ORDINALITY AS t(id, email, n)`,
    [ids, crm, USER_ID, emails],
  );
  await db.query(`INSERT INTO contact_emails (contact_id, email, user_id) SELECT id, email, $3 FROM unnest($1::uuid[], $2::text[]) AS t(id, email)`, [ids, emails, USER_ID]);
  // Other users' books share the index, as in a real tenant.
  await db.query(
    `INSERT INTO integrations (id, user_id, provider, status, external_account_id, sync_stage)
     SELECT gen_random_uuid(), 'other-' || n, 'hubspot', 'connected', 'portal-' || n, 'incremental_pending' FROM generate_series(1, 20) n`,
  );
  await db.query(`ANALYZE`);
  return gmail;
}

/**
 * The naive worker: the same queue, the same decoding and class-validator check, then one item at a
 * time (prefetch 1, a bundle's events one after the other): pre-check, gate query, insert, then ack.
 */
async function baselineRun(broker: ChannelModel, queue: string, tenantId: string, db: Client, count: number): Promise<PathFigures> {
  const channel = await broker.createChannel();
  await channel.prefetch(1);
  let done = 0;
  let resolveDone: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (resolveDone = resolve));
  const started = performance.now();
  await channel.consume(queue, (message) => {
    if (!message) return;
    void (async () => {
      const decoded = decodeMessage(message.content, tenantId);
      if (!decoded.ok) throw new Error(decoded.reason);
      for (const envelope of decoded.envelopes) {
        const validated = validateEventData(envelope, InboundItem);
        if (!validated.ok) throw new Error(validated.reason);
        await admitOne(db, validated.envelope.data);
        done += 1;
      }
      channel.ack(message);
      if (done === count) resolveDone();
    })();
  });
  await finished;
  const result = figures(count, started);
  await channel.close();
  return result;
}

async function admitOne(db: Client, item: InboundItem): Promise<void> {
  const existing = await db.query(`SELECT 1 FROM messages WHERE user_id = $1 AND source = $2 AND external_id = $3`, [item.user_id, item.source, item.external_id]);
  if (existing.rowCount) return;
  const others = item.participants.map((participant) => normalizeEmail(participant.email)).filter((email): email is string => !!email && email !== SELF);
  const matches = await db.query<{ contact_id: string }>(
    `SELECT ce.contact_id FROM contact_emails ce JOIN contacts c ON c.id = ce.contact_id AND c.deleted_at IS NULL
      WHERE ce.user_id = $1 AND ce.email = ANY($2::text[])`,
    [item.user_id, others],
  );
  if (!matches.rowCount) return;
  await db.query(
    `INSERT INTO messages (id, user_id, integration_id, source, external_id, thread_id, subject, body_text, occurred_at, direction, matched_contact_ids, participants_count)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'inbound', $10::uuid[], $11) ON CONFLICT DO NOTHING`,
    [randomUUID(), item.user_id, item.integration_id, item.source, item.external_id, item.conversation.thread_id, item.subject ?? null, item.body_text,
      item.occurred_at, matches.rows.map((row) => row.contact_id), item.participants.length],
  );
}

/**
 * Fills the tenant's inbound queue through the service's own publisher: in bundles, as the Gmail and
 * Calendar sources publish what they fetch, or one event per message, as the Slack receiver does.
 */
async function fillQueue(publisher: EventPublisher, items: readonly InboundItem[], bundled = true): Promise<void> {
  if (bundled) {
    await publisher.publishBundle(INBOUND_ITEM_EVENT, items.map((data) => ({ data })));
    return;
  }
  const publishes: Array<Promise<EventEnvelope<InboundItem>>> = [];
  for (const item of items) publishes.push(publisher.publish(INBOUND_ITEM_EVENT, item));
  await Promise.all(publishes);
}

interface CeilingRow {
  id: string;
  user_id: string;
  integration_id: string;
  source: string;
  external_id: string;
  slack_event_id: string | null;
  slack_channel_id: string | null;
  thread_id: string | null;
  subject: string | null;
  body_text: string;
  occurred_at: string;
  direction: string;
  matched_contact_ids: string[];
  participants_count: number;
}

/**
 * The row of every item as if nothing gated it: the worker's stored row where it admitted the item,
 * the same columns (no matched contacts) for the others.
 */
async function ceilingRows(db: Client, items: readonly InboundItem[]): Promise<CeilingRow[]> {
  const { rows: stored } = await db.query<CeilingRow>(
    `SELECT id, user_id, integration_id, source, external_id, slack_event_id, slack_channel_id, thread_id, subject, body_text,
            occurred_at::text, direction, matched_contact_ids, participants_count FROM messages`,
  );
  const byExternalId = new Map(stored.map((row) => [row.external_id, row]));
  return items.map((item) => byExternalId.get(item.external_id) ?? {
    id: randomUUID(),
    user_id: item.user_id ?? USER_ID,
    integration_id: item.integration_id ?? '',
    source: item.source,
    external_id: item.external_id,
    slack_event_id: null,
    slack_channel_id: null,
    thread_id: item.conversation.thread_id ?? null,
    subject: item.subject ?? null,
    body_text: item.body_text,
    occurred_at: item.occurred_at,
    direction: 'inbound',
    matched_contact_ids: [],
    participants_count: item.participants.length,
  });
}

/** `rows` written with the worker's multi-row statement, `INSERT_CHUNK` at a time, into an empty table: no gate, no broker, no ledger, no validation. */
async function ceilingRun(db: Client, rows: readonly CeilingRow[], perItems: number): Promise<PathFigures> {
  await db.query(`TRUNCATE messages CASCADE`);
  collectGarbage();
  const started = performance.now();
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const chunk = rows.slice(start, start + INSERT_CHUNK);
    const column = <K extends keyof CeilingRow>(name: K) => chunk.map((row) => row[name]);
    await db.query(
      `INSERT INTO messages (id, user_id, integration_id, source, external_id, slack_event_id, slack_channel_id, thread_id, subject, body_text,
                             occurred_at, direction, matched_contact_ids, participants_count)
       SELECT id, user_id, integration_id, source, external_id, slack_event_id, slack_channel_id, thread_id, subject, body_text,
              occurred_at, direction, string_to_array(matched, ',')::uuid[], participants_count
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                     $11::timestamptz[], $12::text[], $13::text[], $14::int[])
              AS r(id, user_id, integration_id, source, external_id, slack_event_id, slack_channel_id, thread_id, subject, body_text,
                   occurred_at, direction, matched, participants_count)
       ON CONFLICT DO NOTHING`,
      [column('id'), column('user_id'), column('integration_id'), column('source'), column('external_id'), column('slack_event_id'),
        column('slack_channel_id'), column('thread_id'), column('subject'), column('body_text'), column('occurred_at'), column('direction'),
        chunk.map((row) => row.matched_contact_ids.join(',')), column('participants_count')],
    );
  }
  return figures(perItems, started);
}

/**
 * Where each path's CPU went (this process, the bench database's PostgreSQL backends, the broker),
 * and what that means for the ceiling goal: the cores cannot run the pipeline faster than they can
 * supply its CPU per item.
 */
function printCpu(worker: PathFigures, singles: PathFigures, baseline: PathFigures, ceiling: PathFigures): void {
  const micros = (value: number | undefined) => (value === undefined ? '-' : value.toFixed(1)).padStart(9);
  console.log(`\n${['CPU per item (us)'.padEnd(18), 'node'.padStart(9), 'postgres'.padStart(9), 'rabbitmq'.padStart(9), 'cores bound (items/s)'.padStart(22)].join('  ')}`);
  for (const [name, path] of [['worker', worker], ['  one per message', singles], ['baseline', baseline]] as const) {
    const cpu = path.cpu;
    if (!cpu) continue;
    const bound = cpu.coresBoundItemsPerSecond === undefined ? '-' : Math.round(cpu.coresBoundItemsPerSecond).toLocaleString('en-US');
    console.log([name.padEnd(18), micros(cpu.node), micros(cpu.postgres), micros(cpu.rabbitmq), bound.padStart(22)].join('  '));
  }
  const cores = worker.cpu?.cores;
  if (cores === undefined) return;
  const needed = GOAL_CEILING_SHARE * ceiling.itemsPerSecond;
  console.log(
    `${GOAL_CEILING_SHARE} of the ceiling is ${Math.round(needed).toLocaleString('en-US')} items/s: at most ${((cores * 1e6) / needed).toFixed(1)} us of CPU per item ` +
      `on these ${cores} cores, for node, PostgreSQL and RabbitMQ together.`,
  );
}

/** The middle round by rate (ROUNDS is odd). */
function median(rounds: readonly PathFigures[]): PathFigures {
  return [...rounds].sort((a, b) => a.itemsPerSecond - b.itemsPerSecond)[Math.floor(rounds.length / 2)] as PathFigures;
}

/** What a path leaves behind: stored messages (with their attachment rows) and ledger entries. */
async function emptyTables(db: Client): Promise<void> {
  await db.query(`TRUNCATE messages, ingest_ledger_items CASCADE`);
}

async function outcomesTotal(registry: Registry): Promise<number> {
  const metric = await registry.getSingleMetric('ingest_outcomes_total')?.get();
  return (metric?.values ?? []).reduce((sum, value) => sum + value.value, 0);
}

async function main(): Promise<void> {
  Logger.overrideLogger(false);
  const tenantId = `bench-${process.pid}`;
  const eventsExchange = `bench.${tenantId}.events`;
  const redisPrefix = `sentinel-bench:${tenantId}:`;
  const dbName = `sentinel_bench_ingest_gate_${process.pid}`;
  await withAdminClient(async (client) => {
    await dropDatabase(client, dbName);
    await client.query(`CREATE DATABASE ${quoteIdentifier(dbName)}`);
  });
  const url = postgresUrlFor(dbName);
  await runMigrations({ url });
  const db = new Client({ connectionString: url });
  await db.connect();
  const identity = `http://127.0.0.1:${await closedLoopbackPort()}`;
  const config = loadConfig(IngestEnv, {
    TENANT_ID: tenantId,
    PORT: '0',
    DATABASE_URL: url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: redisPrefix,
    RABBITMQ_URL: TEST_RABBITMQ_URL,
    EVENTS_EXCHANGE: eventsExchange,
    LOG_LEVEL: 'silent',
    IDENTITY_URL: identity,
    IDENTITY_ISSUER: identity,
    SYSTEM_API_TOKEN: randomBytes(24).toString('hex'),
  });
  const app = await createServiceApp(IngestModule.forRoot(config), { title: 'bench', description: 'bench' });
  const { consumerNames } = declaredConsumersOf(app);
  await app.init();
  const broker = await connect(TEST_RABBITMQ_URL);
  try {
    const integrationId = await seed(db);
    const warmupItems = buildItems(integrationId, WARMUP_ITEMS, 'warmup');
    const items = buildItems(integrationId, ITEMS, 'bench');
    const consumer = app.get(ConsumerHost).consumer(INBOUND_QUEUE);
    if (!consumer) throw new Error('no inbound consumer');
    await consumer.ready();
    const registry = app.get<Registry>(METRICS_REGISTRY);
    const publisher = app.get(EventPublisher);
    /** Empties the tables, fills the queue while nobody consumes, collects garbage, then times `run` and its CPU per item. */
    const measure = async (batch: readonly InboundItem[], bundled: boolean, run: () => Promise<PathFigures>): Promise<PathFigures> => {
      await emptyTables(db);
      await fillQueue(publisher, batch, bundled);
      collectGarbage();
      const cpu = cpuSnapshot(dbName);
      return { ...(await run()), cpu: cpuPerItem(cpu, dbName, batch.length) };
    };
    const storedRows = async () => Number((await db.query<{ count: string }>(`SELECT count(*) FROM messages`)).rows[0]?.count);
    let outcomesExpected = 0;
    /** The service's worker drains the queue: queue -> gate -> PostgreSQL (+ timeline events). */
    const drain = async (batch: readonly InboundItem[], bundled: boolean): Promise<PathFigures> => {
      await consumer.stop(1_000);
      return measure(batch, bundled, async () => {
        const started = performance.now();
        await consumer.start();
        outcomesExpected += batch.length;
        while ((await outcomesTotal(registry)) < outcomesExpected) await new Promise((resolve) => setTimeout(resolve, 10));
        return figures(batch.length, started);
      });
    };

    // Warm-up on items of their own, in both shapes: the timed drains measure compiled code, not V8's warm-up.
    await drain(warmupItems, true);
    await drain(buildItems(integrationId, WARMUP_ITEMS, 'warmup-single'), false);

    // For reference, not a goal: the same work arriving one event per message, as from the Slack receiver.
    const singleRounds: PathFigures[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) singleRounds.push(await drain(buildItems(integrationId, ITEMS, `single${round}`), false));
    // The goal's path: items in bundles, as the sources publish them. The last round's items and rows
    // are the ones the ceiling and baseline reuse.
    const workerRounds: PathFigures[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      workerRounds.push(await drain(round === ROUNDS ? items : buildItems(integrationId, ITEMS, `round${round}`), true));
    }
    const singles = median(singleRounds);
    const worker = median(workerRounds);
    const workerStored = await storedRows();

    // The raw ceiling: every item's row written with no gate. The stricter reference writes only the
    // rows the gate admitted (half as many) and still counts every item, as if checking were free.
    const everyRow = await ceilingRows(db, items);
    const admittedRows = everyRow.filter((row) => row.matched_contact_ids.length > 0);
    const ceilingRounds: PathFigures[] = [];
    const admittedOnlyRounds: PathFigures[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      ceilingRounds.push(await ceilingRun(db, everyRow, ITEMS));
      admittedOnlyRounds.push(await ceilingRun(db, admittedRows, ITEMS));
    }
    const ceiling = median(ceilingRounds);
    const admittedOnly = median(admittedOnlyRounds);

    // The same items through the naive worker: the service stops consuming, the queue is refilled,
    // in bundles for the goal and one event per message for the reference pair.
    await consumer.stop(1_000);
    const baselineOn = async (batch: readonly InboundItem[], bundled: boolean): Promise<PathFigures & { stored: number }> => {
      const run = await measure(batch, bundled, () => baselineRun(broker, consumer.queueNames.main, tenantId, db, batch.length));
      return { ...run, stored: await storedRows() };
    };
    await baselineOn(warmupItems, true);
    const baseline = await baselineOn(items, true);
    const singlesBaseline = await baselineOn(items, false);

    const baselineRatio = worker.itemsPerSecond / baseline.itemsPerSecond;
    const ceilingShare = worker.itemsPerSecond / ceiling.itemsPerSecond;
    const rate = (value: number) => Math.round(value).toLocaleString('en-US');
    console.log(
      `\nIngest gate: ${ITEMS.toLocaleString('en-US')} items (${ADMITTED_SHARE * 100}% admitted), ${CONTACTS.toLocaleString('en-US')}-contact book, ` +
        `node ${process.version} ${serviceNodeOptions('ingest')}`,
    );
    const rates = (rounds: readonly PathFigures[]) => rounds.map((round) => Math.round(round.itemsPerSecond).toLocaleString('en-US')).join(' / ');
    console.log(`rounds (median reported): worker ${rates(workerRounds)}; one per message ${rates(singleRounds)}; ceiling ${rates(ceilingRounds)}; stricter ceiling ${rates(admittedOnlyRounds)}`);
    console.log(['path'.padEnd(52), 'items'.padStart(7), 'seconds'.padStart(8), 'items/s'.padStart(9)].join('  '));
    const line = (name: string, path: PathFigures) =>
      console.log([name.padEnd(52), rate(path.items).padStart(7), path.seconds.toFixed(2).padStart(8), rate(path.itemsPerSecond).padStart(9)].join('  '));
    line('worker: queue (bundles) -> micro-batch gate -> PostgreSQL', worker);
    line('baseline: same queue, one item at a time (3 queries)', baseline);
    line('  for reference, one event per message: worker', singles);
    line('  for reference, one event per message: baseline', singlesBaseline);
    line('ceiling: multi-row insert of every row, no gate', ceiling);
    line('  stricter: admitted rows only, per input item', admittedOnly);
    console.log(
      `bundles: at most ${BUNDLE_LIMITS.maxEvents} events and ${BUNDLE_LIMITS.maxBytes / 1024} KiB, as the sources publish pages; ` +
        `one event per message is the Slack receiver's shape (worker/baseline ${(singles.itemsPerSecond / singlesBaseline.itemsPerSecond).toFixed(1)}x there)`,
    );
    console.log(`stored: worker ${workerStored} rows, baseline ${baseline.stored} rows (expected ${ITEMS * ADMITTED_SHARE})`);
    printCpu(worker, singles, baseline, ceiling);
    const goals = [
      { goal: 'worker/baseline rate', unit: 'x', value: baselineRatio, target: `>= ${GOAL_BASELINE_RATIO}x`, pass: baselineRatio >= GOAL_BASELINE_RATIO },
      { goal: 'worker/ceiling rate', unit: '', value: ceilingShare, target: `>= ${GOAL_CEILING_SHARE}`, pass: ceilingShare >= GOAL_CEILING_SHARE },
    ];
    console.log(`\n${['goal'.padEnd(24), 'value'.padStart(8), 'target'.padStart(8), 'status'].join('  ')}`);
    for (const goal of goals) {
      console.log(`${goal.goal.padEnd(24)}  ${`${goal.value.toFixed(2)}${goal.unit}`.padStart(8)}  ${goal.target.padStart(8)}  ${goal.pass ? 'pass' : 'SHORT'}`);
    }
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(
      RESULTS_FILE,
      `${JSON.stringify({
        generatedAt: new Date().toISOString(),
        node: process.version,
        nodeOptions: serviceNodeOptions('ingest'),
        workload: { items: ITEMS, warmupItems: WARMUP_ITEMS, rounds: ROUNDS, contacts: CONTACTS, admittedShare: ADMITTED_SHARE, participantsPerItem: 3, insertChunk: INSERT_CHUNK, bundleMaxEvents: BUNDLE_LIMITS.maxEvents },
        worker: { ...worker, stored: workerStored, rounds: workerRounds.map((round) => round.itemsPerSecond) },
        workerOneEventPerMessage: { ...singles, rounds: singleRounds.map((round) => round.itemsPerSecond) },
        baseline,
        baselineOneEventPerMessage: singlesBaseline,
        ceiling: { ...ceiling, rounds: ceilingRounds.map((round) => round.itemsPerSecond) },
        ceilingAdmittedRowsOnly: { ...admittedOnly, rounds: admittedOnlyRounds.map((round) => round.itemsPerSecond), workerShare: worker.itemsPerSecond / admittedOnly.itemsPerSecond },
        goals,
      }, null, 2)}\n`,
    );
    console.log(`\nwrote ${RESULTS_FILE}`);
  } finally {
    await app.close();
    await broker.close();
    await db.end();
    // Every queue the app declared (inbound, ledger, contacts, attachments): quorum queues left behind hold broker file handles.
    await deleteBrokerObjects(tenantId, consumerNames, [eventsExchange]);
    await deleteRedisPrefix(redisPrefix);
    await withAdminClient((client) => dropDatabase(client, dbName));
  }
}

if (runsWithServiceNodeOptions('ingest')) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
