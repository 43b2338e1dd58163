/**
 * Risk read: one deal's explained risk with 100, 1,000 and 10,000 timeline events, and a page of a
 * 1,000-deal list, through the risk service's own code (DealsService over PostgreSQL). Next to it,
 * in the same run, a from-scratch baseline that reads the deal's entries and recomputes the
 * aggregate on every read. See bench/README.md.
 *   npx ts-node --transpile-only -r tsconfig-paths/register bench/risk-read.bench.ts
 */
import { ActivityLogRepository, AuditTrail } from '@sentinel/audit';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { AuthenticatedPrincipal } from '@sentinel/permission';
import { applicationDataSourceOptions, runMigrations } from '@sentinel/persistence';
import { dropDatabase, postgresUrlFor, quoteIdentifier, withAdminClient } from '@sentinel/testing';
import { plainToInstance } from 'class-transformer';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
// The read path lives in the risk app; the bench measures exactly that code.
import { recomputeAggregate } from '../apps/risk/src/aggregates/deal-aggregate';
import { systemClock } from '../apps/risk/src/clock';
import { DealAccessService } from '../apps/risk/src/deals/deal-access.service';
import { DealsListQuery } from '../apps/risk/src/deals/deals-list.query';
import { DealsService } from '../apps/risk/src/deals/deals.service';
import { DealReadRepository } from '../apps/risk/src/repositories/deal-read.repository';
import { DealTimelineRepository } from '../apps/risk/src/repositories/deal-timeline.repository';
import { assessRisk } from '../apps/risk/src/rules/risk-rules';
import { DEFAULT_RISK_RULES } from '../apps/risk/src/rules/risk-rules.config';
import { TimelineRecorderService } from '../apps/risk/src/timeline/timeline-recorder.service';
import { WebhookDeliveryRepository } from '../apps/risk/src/webhooks/webhook-delivery.repository';
import { WebhookEmitter } from '../apps/risk/src/webhooks/webhook-emitter.service';

const SIZES = [100, 1_000, 10_000];
const LIST_DEALS = 1_000;
const EVENTS_PER_LISTED_DEAL = 3;
const READS = 300;
const LIST_READS = 30;
const GOAL_GROWTH = 2;
const RESULTS_FILE = join(__dirname, 'results', 'risk-read.json');
const OWNER = 'bench-owner';
/** Owner of the single-deal sizes, so the list of OWNER holds exactly the 1,000 list deals. */
const SINGLE_OWNER = 'bench-single';
const DAY = 86_400_000;

const principalOf = (userId: string): AuthenticatedPrincipal => ({
  userId, tokenHash: 'bench', expiresAt: Number.MAX_SAFE_INTEGER, tenants: [], tokenTenantIds: [], legacyShape: false,
  isSystemAdmin: false, scopes: null, impersonatorId: null,
});

async function createBenchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `sentinel_bench_risk_read_${process.pid}`;
  await withAdminClient(async (client) => {
    await dropDatabase(client, name);
    await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
  });
  const url = postgresUrlFor(name);
  await runMigrations({ url });
  return { url, drop: () => withAdminClient((client) => dropDatabase(client, name)) };
}

/** An integration of `owner` with `deals` deals, each linked to the same three contacts. */
async function seedDeals(dataSource: DataSource, owner: string, deals: number): Promise<{ integrationId: string; dealIds: string[]; contactIds: string[] }> {
  const integrationId = randomUUID();
  await dataSource.query(
    `INSERT INTO integrations (id, user_id, provider, status, external_account_id, sync_stage) VALUES ($1, $2, 'hubspot', 'connected', $3, 'incremental_pending')`,
    [integrationId, owner, `portal-${integrationId}`],
  );
  const contactIds = [randomUUID(), randomUUID(), randomUUID()];
  await dataSource.query(
    `INSERT INTO contacts (id, integration_id, user_id, provider, external_id, email, synced_at)
     SELECT id, $2, $3, 'hubspot', 'hs-' || id, id || '@client.test', now() FROM unnest($1::uuid[]) AS id`,
    [contactIds, integrationId, owner],
  );
  const dealIds = Array.from({ length: deals }, () => randomUUID());
  await dataSource.query(
    `INSERT INTO deals (id, integration_id, user_id, provider, external_id, name, stage, close_date, synced_at)
     SELECT id, $2, $3, 'hubspot', 'hs-deal-' || id, 'Deal ' || ord, CASE WHEN ord % 3 = 0 THEN 'proposal' ELSE 'negotiation' END,
            DATE '2026-12-31' - (ord % 90)::int, now()
     FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, ord)`,
    [dealIds, integrationId, owner],
  );
  await dataSource.query(
    `INSERT INTO deal_contacts (deal_id, contact_external_id) SELECT d, 'hs-' || c FROM unnest($1::uuid[]) AS d, unnest($2::uuid[]) AS c`,
    [dealIds, contactIds],
  );
  return { integrationId, dealIds, contactIds };
}

/** Feeds `count` messages of one integration through the consumer's recorder (the production write path). */
async function feedEvents(recorder: TimelineRecorderService, owner: string, integrationId: string, contactIds: string[], count: number): Promise<void> {
  const start = Date.now() - 120 * DAY;
  for (let index = 0; index < count; index += 1) {
    await recorder.recordMessage({
      message_id: randomUUID(),
      user_id: owner,
      integration_id: integrationId,
      source: index % 20 === 0 ? 'calendar' : 'gmail',
      direction: index % 2 === 0 ? 'inbound' : 'outbound',
      occurred_at: new Date(start + Math.floor((index / count) * 110 * DAY)).toISOString(),
      matched_contact_ids: [contactIds[index % contactIds.length]],
    });
  }
}

async function latencyMs(reads: number, read: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let index = 0; index < 20; index += 1) await read();
  const samples: number[] = [];
  for (let index = 0; index < reads; index += 1) {
    const started = performance.now();
    await read();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(samples.length / 2)], p95: samples[Math.floor(samples.length * 0.95)] };
}

const fixed = (value: number, digits = 2) => value.toFixed(digits);

async function main(): Promise<void> {
  Logger.overrideLogger(false);
  const database = await createBenchDatabase();
  const dataSource = await new DataSource(applicationDataSourceOptions({ url: database.url, poolSize: 5 })).initialize();
  try {
    const reads = new DealReadRepository(dataSource);
    const timeline = new DealTimelineRepository(dataSource);
    const webhooks = new WebhookEmitter(new WebhookDeliveryRepository(dataSource), reads, systemClock, DEFAULT_RISK_RULES);
    const recorder = new TimelineRecorderService(dataSource, timeline, webhooks);
    const audit = new AuditTrail(dataSource, new ActivityLogRepository(dataSource));
    const deals = new DealsService(dataSource, reads, timeline, new DealAccessService(reads, 'bench'), systemClock, DEFAULT_RISK_RULES, audit);

    const single: Array<{ events: number; dealId: string }> = [];
    for (const size of SIZES) {
      const seeded = await seedDeals(dataSource, SINGLE_OWNER, 1);
      await feedEvents(recorder, SINGLE_OWNER, seeded.integrationId, seeded.contactIds, size);
      single.push({ events: size, dealId: seeded.dealIds[0] });
    }
    const listed = await seedDeals(dataSource, OWNER, LIST_DEALS);
    // One message links to every deal of its contact: 3 messages put 3 entries on each of the 1,000 deals.
    await feedEvents(recorder, OWNER, listed.integrationId, listed.contactIds, EVENTS_PER_LISTED_DEAL);
    await dataSource.query('ANALYZE');

    const rows: Array<{ events: number; ours: { p50: number; p95: number }; recompute: { p50: number; p95: number } }> = [];
    for (const { events, dealId } of single) {
      const ours = await latencyMs(READS, () => deals.get(principalOf(SINGLE_OWNER), dealId));
      // Baseline: no aggregates, every read scans the deal's entries and recomputes.
      const recompute = await latencyMs(Math.min(READS, 60), async () => {
        const record = await reads.findLive(dealId);
        const entries = await dataSource.query<Array<{ source: 'gmail'; direction: 'inbound'; occurred_at: Date; contact_ids: string[] }>>(
          `SELECT source, direction, occurred_at, contact_ids FROM deal_timeline_entries WHERE deal_id = $1`,
          [dealId],
        );
        const aggregate = recomputeAggregate(entries.map((row) => ({ source: row.source, direction: row.direction, occurredAt: row.occurred_at.getTime(), contactIds: row.contact_ids })));
        return record && assessRisk({ ...record, stageSince: null, aggregate }, new Date(), DEFAULT_RISK_RULES);
      });
      rows.push({ events, ours, recompute });
    }
    const query = plainToInstance(DealsListQuery, { page: '1', per_page: '100', sort: '-risk_score' });
    const page = await deals.list(principalOf(OWNER), query);
    const list = await latencyMs(LIST_READS, () => deals.list(principalOf(OWNER), query));

    const smallest = rows[0];
    const largest = rows[rows.length - 1];
    const growth = largest.ours.p50 / smallest.ours.p50;
    const baselineGrowth = largest.recompute.p50 / smallest.recompute.p50;
    console.log('\nRisk read for one deal (DealsService.get: access check + one aggregate row + rules)');
    console.log('events   ours p50 ms  ours p95 ms  recompute p50 ms  recompute p95 ms');
    for (const row of rows) {
      console.log(`${String(row.events).padStart(6)}  ${fixed(row.ours.p50).padStart(11)}  ${fixed(row.ours.p95).padStart(11)}  ${fixed(row.recompute.p50).padStart(16)}  ${fixed(row.recompute.p95).padStart(16)}`);
    }
    console.log(`\nlargest/smallest (events x${largest.events / smallest.events}): ours ${fixed(growth)}x, recompute ${fixed(baselineGrowth)}x`);
    console.log(`goal: ours grows < ${GOAL_GROWTH}x -> ${growth < GOAL_GROWTH ? 'pass' : 'SHORT'}`);
    console.log(`\nList page of ${page.total} deals (per_page 100, sort -risk_score): p50 ${fixed(list.p50)} ms, p95 ${fixed(list.p95)} ms`);

    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(
      RESULTS_FILE,
      `${JSON.stringify(
        {
          benchmark: 'risk-read',
          single_deal: rows.map((row) => ({ events: row.events, p50_ms: row.ours.p50, p95_ms: row.ours.p95, recompute_p50_ms: row.recompute.p50, recompute_p95_ms: row.recompute.p95 })),
          growth_largest_over_smallest: growth,
          recompute_growth_largest_over_smallest: baselineGrowth,
          goal_growth_below: GOAL_GROWTH,
          goal_met: growth < GOAL_GROWTH,
          // The rows `npm run bench` collects into its report, as every bench writes them.
          goals: [{ goal: 'read p50 growth, 100x events', unit: 'x', value: growth, target: `< ${GOAL_GROWTH}x`, pass: growth < GOAL_GROWTH }],
          list_page: { deals: page.total, per_page: 100, p50_ms: list.p50, p95_ms: list.p95 },
        },
        null,
        2,
      )}\n`,
    );
    console.log(`\nwritten ${RESULTS_FILE}`);
  } finally {
    await dataSource.destroy();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
