/**
 * Policy propagation: from identity publishing `policy.updated` (the dev identity's setPolicy) to
 * the first request on ANOTHER service of the stack that answers the new decision. The path:
 * dev identity -> RabbitMQ -> identity-bridge (processed_events + audit row, Redis tag flush,
 * invalidation broadcast) -> the peer's first level dropped -> the peer refetches the policy.
 * Control run: the same change with the bridge's consumer stopped, to show the peer would keep the
 * old decision (it is cached for an hour). See bench/README.md.
 *   npx ts-node --transpile-only -r tsconfig-paths/register bench/policy-propagation.bench.ts
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { Controller, Get, type INestApplication, Logger, Module } from '@nestjs/common';
import { REDIS_CLIENT } from '@sentinel/cache';
import { BaseServiceEnv, loadConfig } from '@sentinel/config';
import { startDevIdentity } from '@sentinel/dev-identity';
import { ConsumerHost } from '@sentinel/messaging';
import { RequirePermission } from '@sentinel/permission';
import { runMigrations } from '@sentinel/persistence';
import { createServiceApp, ServiceCoreModule } from '@sentinel/platform';
import {
  deleteQueuesAndExchanges,
  deleteRedisPrefix,
  dropDatabase,
  postgresUrlFor,
  quoteIdentifier,
  TEST_RABBITMQ_URL,
  TEST_REDIS_URL,
  withAdminClient,
} from '@sentinel/testing';
import type Redis from 'ioredis';
import { Client } from 'pg';
// The consumer lives in the identity-bridge app; the bench measures exactly that code path.
import { IdentityBridgeEnv } from '../apps/identity-bridge/src/identity-bridge.env';
import { IdentityBridgeModule } from '../apps/identity-bridge/src/identity-bridge.module';
import { IDENTITY_EVENTS_CONSUMER } from '../apps/identity-bridge/src/identity-events/identity-event.schemas';

const ITERATIONS = 100;
const CONTROL_ITERATIONS = 5;
const CONTROL_WINDOW_MS = 500;
const GOAL_P99_MS = 100;
/** Pause between two polls of the peer (the figure's resolution is one poll plus this). */
const POLL_PAUSE_MS = 2;
const RESULTS_FILE = join(__dirname, 'results', 'policy-propagation.json');

/** The other service: a permission route behind the same guards and caches, no consumers. */
@Controller('probe')
class ProbeController {
  @Get()
  @RequirePermission('crm.contacts.view')
  probe() {
    return { ok: true };
  }
}

@Module({})
class PeerModule {}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function main(): Promise<void> {
  Logger.overrideLogger(false);
  const tenantId = `bench-prop-${process.pid}`;
  const eventsExchange = `bench.${tenantId}.events`;
  const identityExchange = `bench.${tenantId}.identity`;
  const redisPrefix = `sentinel-bench:${tenantId}:`;
  const dbName = `sentinel_bench_policy_propagation_${process.pid}`;
  await withAdminClient(async (client) => {
    await dropDatabase(client, dbName);
    await client.query(`CREATE DATABASE ${quoteIdentifier(dbName)}`);
  });
  const url = postgresUrlFor(dbName);
  await runMigrations({ url });
  const identity = await startDevIdentity({ rabbitmqUrl: TEST_RABBITMQ_URL, exchange: identityExchange, tokenTtlSeconds: 3_600 });
  const env = {
    TENANT_ID: tenantId,
    PORT: '0',
    DATABASE_URL: url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: redisPrefix,
    RABBITMQ_URL: TEST_RABBITMQ_URL,
    EVENTS_EXCHANGE: eventsExchange,
    LOG_LEVEL: 'silent',
    IDENTITY_URL: identity.url,
    IDENTITY_ISSUER: identity.issuer,
    IDENTITY_AUDIENCE: identity.audience,
    IDENTITY_EXCHANGE: identityExchange,
    SYSTEM_API_TOKEN: randomBytes(24).toString('hex'),
  };
  const apps: INestApplication[] = [];
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const bridgeConfig = loadConfig(IdentityBridgeEnv, env);
    const bridge = await createServiceApp(IdentityBridgeModule.forRoot(bridgeConfig), { title: 'bench', description: 'bench' });
    apps.push(bridge);
    await bridge.init();
    const peerConfig = loadConfig(BaseServiceEnv, env);
    const peer = await createServiceApp(
      { module: PeerModule, imports: [ServiceCoreModule.forRoot({ service: 'peer', config: peerConfig })], controllers: [ProbeController] },
      { title: 'bench peer', description: 'bench' },
    );
    apps.push(peer);
    await peer.listen(0, '127.0.0.1');
    const probeUrl = `${(await peer.getUrl()).replace('[::1]', '127.0.0.1')}/probe`;
    const consumer = bridge.get(ConsumerHost).consumer(IDENTITY_EVENTS_CONSUMER);
    if (!consumer) throw new Error('no identity events consumer');
    await consumer.ready();
    const redis = peer.get<Redis>(REDIS_CLIENT);
    while ((((await redis.pubsub('NUMSUB', `${redisPrefix}auth-cache.invalidate`)) as [string, number])[1] ?? 0) < 2) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    const userId = 'u-bench';
    await identity.createUser({ id: userId, tenants: [{ id: tenantId, role: 'member' }] });
    const { token } = await identity.mintToken({ subject: userId });
    const headers = { authorization: `Bearer ${token}` };
    const status = async () => (await fetch(probeUrl, { headers })).status;
    const processed = async () => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM processed_events`)).rows[0]?.n);
    const setGranted = (granted: boolean) =>
      identity.setPolicy({ userId, tenantId, permissions: granted ? [`tenant.${tenantId}.crm.contacts.view`] : [] });
    const settle = async (before: number) => {
      while ((await processed()) <= before) await new Promise((resolve) => setTimeout(resolve, 2));
    };

    let granted = true;
    let before = await processed();
    await setGranted(granted);
    await settle(before);

    const latencies: number[] = [];
    const publishes: number[] = [];
    const requestsUntilSeen: number[] = [];
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      const oldStatus = granted ? 200 : 403;
      // Warm: the peer answers the current decision from its caches.
      if ((await status()) !== oldStatus || (await status()) !== oldStatus) throw new Error('peer not warm');
      granted = !granted;
      const newStatus = granted ? 200 : 403;
      before = await processed();
      const started = performance.now();
      const published = setGranted(granted).then(() => publishes.push(performance.now() - started));
      let requests = 0;
      for (;;) {
        requests += 1;
        if ((await status()) === newStatus) break;
        // Everything shares this event loop: back-to-back polls would slow the path they measure.
        await new Promise((resolve) => setTimeout(resolve, POLL_PAUSE_MS));
      }
      latencies.push(performance.now() - started);
      requestsUntilSeen.push(requests);
      await published;
      await settle(before);
    }

    // Control: no consumer, so nothing flushes; the peer keeps answering the old decision.
    await consumer.stop(1_000);
    let staleControls = 0;
    for (let iteration = 0; iteration < CONTROL_ITERATIONS; iteration++) {
      const oldStatus = granted ? 200 : 403;
      await status();
      granted = !granted;
      await setGranted(granted);
      const deadline = performance.now() + CONTROL_WINDOW_MS;
      let stale = true;
      while (performance.now() < deadline) if ((await status()) !== oldStatus) stale = false;
      if (stale) staleControls += 1;
      // Put the decision back in step with identity for the next control round.
      granted = !granted;
      await setGranted(granted);
    }

    const sorted = [...latencies].sort((a, b) => a - b);
    const sortedPublish = [...publishes].sort((a, b) => a - b);
    const figures = {
      iterations: ITERATIONS,
      p50Ms: percentile(sorted, 50),
      p95Ms: percentile(sorted, 95),
      p99Ms: percentile(sorted, 99),
      maxMs: sorted[sorted.length - 1] ?? Number.NaN,
      meanMs: latencies.reduce((sum, value) => sum + value, 0) / latencies.length,
      publishConfirmedP50Ms: percentile(sortedPublish, 50),
      publishConfirmedP99Ms: percentile(sortedPublish, 99),
      meanRequestsUntilSeen: requestsUntilSeen.reduce((sum, value) => sum + value, 0) / requestsUntilSeen.length,
    };
    const control = { iterations: CONTROL_ITERATIONS, windowMs: CONTROL_WINDOW_MS, stillOldDecision: staleControls };
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    console.log(`\nPolicy propagation: ${ITERATIONS} policy changes (grant/revoke alternating), node ${process.version}`);
    console.log('setPolicy -> RabbitMQ -> identity-bridge -> Redis flush + broadcast -> first request on the peer with the new decision');
    console.log(`  p50 ${ms(figures.p50Ms)}  p95 ${ms(figures.p95Ms)}  p99 ${ms(figures.p99Ms)}  max ${ms(figures.maxMs)}  mean ${ms(figures.meanMs)}`);
    console.log(`  identity's publish confirmed after: p50 ${ms(figures.publishConfirmedP50Ms)}  p99 ${ms(figures.publishConfirmedP99Ms)}`);
    console.log(`  peer requests until the new decision: ${figures.meanRequestsUntilSeen.toFixed(1)} on average`);
    console.log(`control (bridge consumer stopped): old decision still answered after ${CONTROL_WINDOW_MS} ms in ${staleControls}/${CONTROL_ITERATIONS} changes`);
    const goals = [{ goal: 'propagation p99', value: figures.p99Ms, target: `<= ${GOAL_P99_MS} ms`, pass: figures.p99Ms <= GOAL_P99_MS }];
    console.log(`\n${['goal'.padEnd(18), 'value'.padStart(10), 'target'.padStart(10), 'status'].join('  ')}`);
    for (const goal of goals) {
      console.log(`${goal.goal.padEnd(18)}  ${ms(goal.value).padStart(10)}  ${goal.target.padStart(10)}  ${goal.pass ? 'pass' : 'SHORT'}`);
    }
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(
      RESULTS_FILE,
      `${JSON.stringify({ generatedAt: new Date().toISOString(), node: process.version, figures, latenciesMs: latencies, control, goals }, null, 2)}\n`,
    );
    console.log(`\nwrote ${RESULTS_FILE}`);
  } finally {
    for (const app of apps.reverse()) await app.close();
    await identity.close();
    await db.end();
    await deleteQueuesAndExchanges(
      ['', '.retry', '.dlq'].map((suffix) => `sentinel.${tenantId}.${IDENTITY_EVENTS_CONSUMER}${suffix}`),
      [eventsExchange, identityExchange, `sentinel.${tenantId}.dlx`],
    );
    await deleteRedisPrefix(redisPrefix);
    await withAdminClient((client) => dropDatabase(client, dbName));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
