/**
 * Contact sync: 100,000 contacts from the HubSpot fake into PostgreSQL through the real sync engine
 * (one multi-row upsert per page of 100) vs a one-row-at-a-time upsert of the same records, in the
 * same run and the same dedicated database. See bench/README.md.
 *   npx ts-node --transpile-only -r tsconfig-paths/register bench/contact-sync.bench.ts
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { HubSpotFake } from '@sentinel/fakes';
import type { EventPublisher } from '@sentinel/messaging';
import {
  applicationDataSourceOptions,
  ContactRepository,
  DealRepository,
  IntegrationEntity,
  IntegrationRepository,
  runMigrations,
} from '@sentinel/persistence';
import { CircuitBreakerRegistry, HubSpotCrmClient, ProviderCallExecutor, type CrmContactRecord } from '@sentinel/providers';
import { dropDatabase, postgresUrlFor, quoteIdentifier, withAdminClient } from '@sentinel/testing';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
// The engine lives in the crm-sync app; the bench measures exactly that code path.
import { lookupAddresses, toContactRow, type IntegrationRef } from '../apps/crm-sync/src/sync/crm-record.mapper';
import { IntegrationSyncService } from '../apps/crm-sync/src/sync/integration-sync.service';
import { SyncEventsPublisher } from '../apps/crm-sync/src/sync/sync-events.publisher';
import { SyncPageWriter } from '../apps/crm-sync/src/sync/sync-page.writer';

const CONTACTS = 100_000;
/** The one-row-at-a-time baseline runs on the first BASELINE_CONTACTS only (100k would take minutes). */
const BASELINE_CONTACTS = 10_000;
const GOAL_RATIO = 10;
const RESULTS_FILE = join(__dirname, 'results', 'contact-sync.json');

interface PathFigures {
  contacts: number;
  seconds: number;
  contactsPerSecond: number;
}

async function createBenchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `sentinel_bench_contact_sync_${process.pid}`;
  await withAdminClient(async (client) => {
    await dropDatabase(client, name);
    await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
  });
  const url = postgresUrlFor(name);
  await runMigrations({ url });
  return { url, drop: () => withAdminClient((client) => dropDatabase(client, name)) };
}

async function newIntegration(dataSource: DataSource): Promise<IntegrationEntity> {
  return dataSource.manager.save(
    dataSource.manager.create(IntegrationEntity, {
      id: randomUUID(), userId: `bench-${randomUUID()}`, provider: 'hubspot', status: 'connected', accessToken: null, refreshToken: null,
      tokenExpiresAt: null, tokenIssuedAt: null, instanceUrl: null, externalAccountId: randomUUID(), syncStage: 'full_pending',
      syncCursor: null, lastSyncedAt: null, lastErrorCode: null, lastRunCounts: null, syncLeaseToken: null, syncLeaseExpiresAt: null,
    }),
  );
}

const refOf = (integration: IntegrationEntity): IntegrationRef => ({ id: integration.id, userId: integration.userId, provider: 'hubspot' });

/** Pages of the full listing until `limit` contacts were read; `onPage` does the writing. */
async function forEachPage(client: HubSpotCrmClient, limit: number, onPage: (records: CrmContactRecord[]) => Promise<void>): Promise<number> {
  let continuation: string | null = null;
  let seen = 0;
  do {
    const page = await client.fetchContacts({ modifiedSince: null, continuation });
    const records = page.records.slice(0, limit - seen);
    await onPage(records);
    seen += records.length;
    continuation = page.next;
  } while (continuation !== null && seen < limit);
  return seen;
}

function figures(contacts: number, startedAt: number): PathFigures {
  const seconds = (performance.now() - startedAt) / 1000;
  return { contacts, seconds, contactsPerSecond: contacts / seconds };
}

async function main(): Promise<void> {
  Logger.overrideLogger(false);
  const fake = new HubSpotFake();
  await fake.start();
  const seeded = fake.store.seedContacts(CONTACTS);
  // Every tenth contact carries two additional addresses, as real books do.
  for (const contact of seeded.filter((_, index) => index % 10 === 0)) contact.additionalEmails = [`alt1.${contact.id}@example.net`, `alt2.${contact.id}@example.org`];
  const token = fake.issueAccessToken();
  const breakers = new CircuitBreakerRegistry();
  const client = () => new HubSpotCrmClient({ accessToken: token, basePath: fake.url }, new ProviderCallExecutor(breakers));

  const database = await createBenchDatabase();
  const dataSource = await new DataSource(applicationDataSourceOptions({ url: database.url, poolSize: 5 })).initialize();
  try {
    const contacts = new ContactRepository();
    const noEvents: Pick<EventPublisher, 'publish'> = { publish: async (type, data) => ({ id: '', type, tenant_id: 'bench', occurred_at: '', data }) };
    const engine = new IntegrationSyncService(
      dataSource,
      new IntegrationRepository(dataSource),
      new SyncPageWriter(contacts, new DealRepository()),
      new SyncEventsPublisher(noEvents as EventPublisher),
      { forIntegration: async () => client() },
      { leaseTtlMs: 600_000, modifiedSinceMarginMs: 0 },
    );

    // Warm-up: HTTP keep-alive, pg pool, JIT of both paths (a separate integration, then discarded).
    const warm = await newIntegration(dataSource);
    await forEachPage(client(), 1_000, async (records) => {
      await dataSource.transaction((manager) => contacts.upsertLive(manager, records.map((record) => toContactRow(refOf(warm), record))));
    });

    // Fetch alone: the ceiling any write strategy runs under.
    let started = performance.now();
    const fetchOnly = figures(await forEachPage(client(), BASELINE_CONTACTS, async () => undefined), started);

    // Baseline: the same upsert and lookup-address statements, one contact at a time, each autocommitted.
    const baselineIntegration = await newIntegration(dataSource);
    started = performance.now();
    const baselineCount = await forEachPage(client(), BASELINE_CONTACTS, async (records) => {
      for (const record of records) {
        const [row] = await contacts.upsertLive(dataSource.manager, [toContactRow(refOf(baselineIntegration), record)]);
        if (!row.inserted) await contacts.deleteEmails(dataSource.manager, [row.id]);
        await contacts.insertEmails(dataSource.manager, baselineIntegration.userId, [{ contactId: row.id, addresses: lookupAddresses(record) }]);
      }
    });
    const baseline = figures(baselineCount, started);

    // Batched: the engine's full sync of every contact (page transactions, cursor, sweep, deals step).
    const batchedIntegration = await newIntegration(dataSource);
    started = performance.now();
    const result = await engine.sync(batchedIntegration.id);
    if (result.outcome !== 'completed') throw new Error(`batched sync did not complete: ${result.outcome}`);
    const batched = figures(result.counts.created, started);

    const stored = await dataSource.query(
      `SELECT integration_id, count(*)::int AS contacts, count(DISTINCT external_id)::int AS distinct_ids FROM contacts
       WHERE integration_id = ANY($1::uuid[]) GROUP BY integration_id`,
      [[baselineIntegration.id, batchedIntegration.id]],
    );
    const countOf = (id: string) => stored.find((row: { integration_id: string }) => row.integration_id === id) ?? { contacts: 0, distinct_ids: 0 };
    const ratio = batched.contactsPerSecond / baseline.contactsPerSecond;

    const rate = (value: number) => Math.round(value).toLocaleString('en-US');
    console.log(`\nContact sync from the HubSpot fake into PostgreSQL (pages of 100), node ${process.version}`);
    console.log(['path'.padEnd(44), 'contacts'.padStart(9), 'seconds'.padStart(8), 'contacts/s'.padStart(11)].join('  '));
    const line = (name: string, path: PathFigures) =>
      console.log([name.padEnd(44), rate(path.contacts).padStart(9), path.seconds.toFixed(2).padStart(8), rate(path.contactsPerSecond).padStart(11)].join('  '));
    line('fetch only (no writes), informational', fetchOnly);
    line('baseline: one row per statement, autocommit', baseline);
    line('batched: sync engine, one upsert per page', batched);
    console.log(`stored: batched ${countOf(batchedIntegration.id).contacts} rows / ${countOf(batchedIntegration.id).distinct_ids} ids; ` +
      `baseline ${countOf(baselineIntegration.id).contacts} rows / ${countOf(baselineIntegration.id).distinct_ids} ids`);
    console.log(`\n${['goal'.padEnd(26), 'value'.padStart(8), 'target'.padStart(8), 'status'].join('  ')}`);
    console.log(`${'batched/baseline rate'.padEnd(26)}  ${`${ratio.toFixed(1)}x`.padStart(8)}  ${`>= ${GOAL_RATIO}x`.padStart(8)}  ${ratio >= GOAL_RATIO ? 'pass' : 'SHORT'}`);

    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(RESULTS_FILE, `${JSON.stringify({
      generatedAt: new Date().toISOString(),
      node: process.version,
      workload: { contacts: CONTACTS, baselineContacts: BASELINE_CONTACTS, pageSize: 100, additionalEmailsShare: 0.1 },
      fetchOnly,
      baseline,
      batched: { ...batched, counts: result.counts },
      goals: [{ goal: 'batched/baseline rate', unit: 'x', value: ratio, target: `>= ${GOAL_RATIO}x`, pass: ratio >= GOAL_RATIO }],
    }, null, 2)}\n`);
    console.log(`\nwrote ${RESULTS_FILE}`);
  } finally {
    breakers.shutdown();
    await dataSource.destroy();
    await database.drop();
    await fake.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
