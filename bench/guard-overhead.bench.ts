/**
 * Guard overhead: requests/s of one route behind the three global guards (warm caches) vs the same
 * handler declared public, in the same app and the same run. See bench/README.md.
 *   npx ts-node --transpile-only -r tsconfig-paths/register bench/guard-overhead.bench.ts
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Controller, Get, type INestApplication, Module } from '@nestjs/common';
import { ApplicationConfig, NestFactory } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { CacheModule, REDIS_CLIENT } from '@sentinel/cache';
import { startDevIdentity } from '@sentinel/dev-identity';
import { ObservabilityModule } from '@sentinel/observability';
import { PermissionModule, PublicRoute, RequirePermission } from '@sentinel/permission';
import { deleteRedisPrefix, TEST_REDIS_URL, waitFor } from '@sentinel/testing';
import autocannon from 'autocannon';
import type Redis from 'ioredis';

const TENANT = 'bench';
/** Per route: ROUNDS interleaved slices of SLICE_SECONDS, so load from elsewhere hits both routes alike. */
const ROUNDS = 4;
const SLICE_SECONDS = 1.25;
const WARMUP_SECONDS = 1;
const CONNECTIONS = 10;
const GOAL_RATIO = 0.85;
const RESULTS_FILE = join(__dirname, 'results', 'guard-overhead.json');

/** Both routes run the same handler body; only the declaration differs. */
@Controller('bench')
class BenchController {
  @Get('guarded')
  @RequirePermission('crm.contacts.view')
  guarded() {
    return { ok: true };
  }

  @Get('open')
  @PublicRoute()
  open() {
    return { ok: true };
  }
}

interface RunFigures {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  /** Main-thread (server) busy time per request, from event-loop utilisation. */
  serverBusyMicrosecondsPerRequest: number;
  /** Worst slice's percentiles. */
  latencyP50Ms: number;
  latencyP99Ms: number;
  non2xx: number;
  errors: number;
}

interface Slice {
  result: autocannon.Result;
  /** ms the main thread's event loop was busy during the slice */
  busyMs: number;
}

async function fire(url: string, token: string, seconds: number): Promise<Slice> {
  const before = performance.eventLoopUtilization();
  // A worker thread generates the load, so the main thread's busy time is the server's alone.
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, workers: 1, headers: { authorization: `Bearer ${token}` } });
  return { result, busyMs: performance.eventLoopUtilization(before).active };
}

function combine(slices: Slice[]): RunFigures {
  const results = slices.map((slice) => slice.result);
  const requests = results.reduce((sum, result) => sum + result.requests.total, 0);
  // autocannon's own `duration` also counts its worker's start-up; the load itself lasts the slice.
  const seconds = slices.length * SLICE_SECONDS;
  const busyMs = slices.reduce((sum, slice) => sum + slice.busyMs, 0);
  return {
    requests,
    seconds,
    requestsPerSecond: requests / seconds,
    serverBusyMicrosecondsPerRequest: (busyMs * 1000) / requests,
    latencyP50Ms: Math.max(...results.map((result) => result.latency.p50)),
    latencyP99Ms: Math.max(...results.map((result) => result.latency.p99)),
    non2xx: results.reduce((sum, result) => sum + result.non2xx, 0),
    errors: results.reduce((sum, result) => sum + result.errors, 0),
  };
}

const CHAIN_BATCHES = 7;
const CHAIN_CALLS_PER_BATCH = 5_000;

/**
 * The warm guard chain on its own, in-process: the three global guards called the way Nest calls
 * them, with a fresh request object each time, no HTTP around them. Median µs per request.
 */
async function timeGuardChain(app: INestApplication, token: string): Promise<number> {
  // Bench-only introspection: Nest keeps the APP_GUARD instances in its (private) ApplicationConfig.
  const guards = (app as unknown as { config: ApplicationConfig }).config.getGlobalGuards();
  const handler = BenchController.prototype.guarded;
  const once = async () => {
    const request = { method: 'GET', url: '/bench/guarded', headers: { authorization: `Bearer ${token}` } };
    const context = new ExecutionContextHost([request, {}, () => undefined], BenchController, handler);
    for (const guard of guards) if (!(await guard.canActivate(context))) throw new Error('guard refused during the bench');
  };
  for (let i = 0; i < CHAIN_CALLS_PER_BATCH; i++) await once();
  const perCallUs: number[] = [];
  for (let batch = 0; batch < CHAIN_BATCHES; batch++) {
    const started = performance.now();
    for (let i = 0; i < CHAIN_CALLS_PER_BATCH; i++) await once();
    perCallUs.push(((performance.now() - started) * 1000) / CHAIN_CALLS_PER_BATCH);
  }
  return perCallUs.sort((a, b) => a - b)[Math.floor(CHAIN_BATCHES / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const redisPrefix = `sentinel-bench:${process.pid}:`;
  const identity = await startDevIdentity({ tokenTtlSeconds: 3600 });
  await identity.createUser({ id: 'u-bench', tenants: [{ id: TENANT, role: 'member' }] });
  await identity.setPolicy({ userId: 'u-bench', tenantId: TENANT, permissions: [`tenant.${TENANT}.crm.contacts.view`] });
  const { token } = await identity.mintToken({ subject: 'u-bench' });

  @Module({
    imports: [
      ObservabilityModule.forRoot({ service: 'bench', tenantId: TENANT, logLevel: 'silent' }),
      CacheModule.forRoot({ url: TEST_REDIS_URL, keyPrefix: redisPrefix }),
      PermissionModule.forRoot({
        tenantId: TENANT,
        identityUrl: identity.url,
        jwksUrl: identity.jwksUrl,
        issuer: identity.issuer,
        audience: identity.audience,
        algorithms: ['ES256'],
        identityTimeoutMs: 2_000,
        legacyTokenCutoff: new Date('2026-06-15T00:00:00Z'),
        systemApiToken: 'bench-system-token-0123456789abcdef',
      }),
    ],
    controllers: [BenchController],
  })
  class BenchModule {}

  const app = await NestFactory.create(BenchModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  try {
    const redis = app.get<Redis>(REDIS_CLIENT);
    await waitFor('Redis', async () => redis.status === 'ready');
    const probe = await fetch(`${base}/bench/guarded`, { headers: { authorization: `Bearer ${token}` } });
    if (probe.status !== 200) throw new Error(`guarded route answered ${probe.status} before the run`);

    await fire(`${base}/bench/open`, token, WARMUP_SECONDS);
    await fire(`${base}/bench/guarded`, token, WARMUP_SECONDS);
    await identity.resetStats();
    const openSlices: Slice[] = [];
    const guardedSlices: Slice[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      openSlices.push(await fire(`${base}/bench/open`, token, SLICE_SECONDS));
      guardedSlices.push(await fire(`${base}/bench/guarded`, token, SLICE_SECONDS));
    }
    const open = combine(openSlices);
    const guarded = combine(guardedSlices);
    const chainUs = await timeGuardChain(app, token);
    const identityCalls = (await identity.stats()).total;

    const ratio = guarded.requestsPerSecond / open.requestsPerSecond;
    // Event-loop busy time per request is the server's own work, whatever else loads the machine;
    // the difference between the two routes is what the three guards add.
    const guardCostUs = guarded.serverBusyMicrosecondsPerRequest - open.serverBusyMicrosecondsPerRequest;
    const pass = ratio >= GOAL_RATIO;

    console.log(`\nguard overhead (${CONNECTIONS} connections, ${ROUNDS} x ${SLICE_SECONDS} s per route interleaved, loopback, node ${process.version})`);
    console.table({
      open: { 'req/s': Math.round(open.requestsPerSecond), 'server µs/req': Number(open.serverBusyMicrosecondsPerRequest.toFixed(1)), 'p50 ms': open.latencyP50Ms, 'p99 ms': open.latencyP99Ms, 'non-2xx': open.non2xx, errors: open.errors },
      guarded: { 'req/s': Math.round(guarded.requestsPerSecond), 'server µs/req': Number(guarded.serverBusyMicrosecondsPerRequest.toFixed(1)), 'p50 ms': guarded.latencyP50Ms, 'p99 ms': guarded.latencyP99Ms, 'non-2xx': guarded.non2xx, errors: guarded.errors },
    });
    console.log(`guarded/open rate: ${ratio.toFixed(3)} (goal >= ${GOAL_RATIO}) ${pass ? 'pass' : 'SHORT'}`);
    console.log(`warm guard cost: ${chainUs.toFixed(1)} µs per request (guard chain in-process, median of ${CHAIN_BATCHES} x ${CHAIN_CALLS_PER_BATCH})`);
    console.log(`                 ${guardCostUs.toFixed(1)} µs of server time per request over HTTP (guarded - open, noisy under load)`);
    console.log(`identity calls during the measured runs: ${identityCalls}`);

    mkdirSync(join(__dirname, 'results'), { recursive: true });
    const results = {
      generatedAt: new Date().toISOString(),
      node: process.version,
      shape: { connections: CONNECTIONS, rounds: ROUNDS, sliceSeconds: SLICE_SECONDS, warmupSeconds: WARMUP_SECONDS },
      open,
      guarded,
      ratio,
      guardChainMicroseconds: chainUs,
      guardCostOverHttpMicroseconds: guardCostUs,
      identityCallsDuringRuns: identityCalls,
      goals: [{ goal: 'guarded/open rate', value: ratio, target: `>= ${GOAL_RATIO}`, pass }],
    };
    writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\nwrote ${RESULTS_FILE}`);
  } finally {
    await app.close();
    await identity.close();
    await deleteRedisPrefix(redisPrefix);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
