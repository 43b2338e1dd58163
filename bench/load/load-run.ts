/**
 * `npm run load`: the four services on real infrastructure, each guarded list route at a fixed
 * rate, then a signed Slack event burst at the ingest receiver. See bench/README.md (load run).
 * LOAD_SECONDS / LOAD_RATE (routes) and LOAD_BURST_SECONDS / LOAD_BURST_RATE shrink it for a smoke run;
 * LOAD_ONLY (comma-separated service names and/or `slack-burst`) runs a part of it; LOAD_CPU_PROF=<dir>
 * has each service write a V8 CPU profile there when the run stops it.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { BURST_GOALS, ROUTE_GOALS, type Goal } from './load-goals';
import { LoadStack } from './load-stack';
import { loadRoute, routeGoals, type RouteFigures, type RouteLoadSettings } from './route-load';
import { burstGoals, slackBurst, type BurstFigures, type BurstSettings } from './slack-burst';

const RESULTS_FILE = join(__dirname, '..', 'results', 'load.json');
const SLACK_BURST = 'slack-burst';

/** The guarded list route of each service the run loads (all `GET`, the user holds each permission). */
const ROUTES: Array<{ service: string; path: string }> = [
  { service: 'ingest', path: '/messages?per_page=20' },
  { service: 'risk', path: '/deals?per_page=20' },
  { service: 'crm-sync', path: '/integrations' },
  { service: 'identity-bridge', path: '/audit' },
];

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

/** The parts LOAD_ONLY selects (all when unset); an unknown name is an error, not a silently empty run. */
function selectedParts(): Set<string> {
  const known = [...ROUTES.map((route) => route.service), SLACK_BURST];
  const raw = process.env.LOAD_ONLY;
  if (raw === undefined || raw.trim() === '') return new Set(known);
  const parts = raw.split(',').map((part) => part.trim()).filter(Boolean);
  const unknown = parts.filter((part) => !known.includes(part));
  if (unknown.length > 0) throw new Error(`LOAD_ONLY names unknown parts: ${unknown.join(', ')} (known: ${known.join(', ')})`);
  return new Set(parts);
}

function printGoals(goals: Goal[]): void {
  console.table(
    Object.fromEntries(goals.map((goal) => [goal.goal, { value: Number(goal.value.toFixed(goal.value >= 100 ? 0 : 2)), unit: goal.unit ?? '', target: goal.target, status: goal.pass ? 'pass' : 'SHORT' }])),
  );
}

async function main(): Promise<void> {
  const routeSettings: RouteLoadSettings = {
    seconds: numberFromEnv('LOAD_SECONDS', 60),
    rate: numberFromEnv('LOAD_RATE', ROUTE_GOALS.requestsPerSecond),
    connections: numberFromEnv('LOAD_CONNECTIONS', 10),
    warmupSeconds: numberFromEnv('LOAD_WARMUP_SECONDS', 3),
  };
  const burstSettings: BurstSettings = {
    seconds: numberFromEnv('LOAD_BURST_SECONDS', 30),
    rate: numberFromEnv('LOAD_BURST_RATE', BURST_GOALS.eventsPerSecond),
    connections: numberFromEnv('LOAD_BURST_CONNECTIONS', 50),
    warmupSeconds: numberFromEnv('LOAD_BURST_WARMUP_SECONDS', 3),
    drainTimeoutMs: 180_000,
  };
  const parts = selectedParts();
  const stack = new LoadStack();
  const stop = () => void stack.close().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    console.log(`▶ load stack (tenant ${stack.tenantId}): database, migrations, seed, dev identity, four services`);
    await stack.start();
    const routes: RouteFigures[] = [];
    for (const route of ROUTES.filter(({ service }) => parts.has(service))) {
      const service = stack.service(route.service);
      console.log(`▶ ${route.service} GET ${route.path}: ${routeSettings.rate} req/s for ${routeSettings.seconds} s (${routeSettings.connections} connections, ${routeSettings.warmupSeconds} s warm-up)`);
      const figures = await loadRoute(route.service, `${service.url}${route.path}`, stack.token, routeSettings);
      console.log(`  ${figures.requests} requests, ${figures.achievedRate.toFixed(0)} req/s, p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, max ${figures.maxMs} ms, non-2xx ${figures.non2xx}, errors ${figures.errors}`);
      routes.push(figures);
    }
    const burst = parts.has(SLACK_BURST) ? await runBurst(stack, burstSettings) : undefined;

    const goals = [...routes.flatMap(routeGoals), ...(burst ? burstGoals(burst) : [])];
    console.log(`\nload run (${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(2)}, node ${process.version})`);
    printGoals(goals);
    mkdirSync(join(__dirname, '..', 'results'), { recursive: true });
    const results = { generatedAt: new Date().toISOString(), node: process.version, loadAverage1m: os.loadavg()[0], settings: { routes: routeSettings, burst: burstSettings }, routes, burst, goals };
    writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\nwrote ${RESULTS_FILE}`);
  } finally {
    console.log('▶ cleaning up (services, queues, Redis prefix, database)');
    await stack.close();
  }
}

async function runBurst(stack: LoadStack, settings: BurstSettings): Promise<BurstFigures> {
  console.log(`▶ Slack burst: ${settings.rate} signed events/s for ${settings.seconds} s at POST /slack/events (${settings.connections} connections, ${settings.warmupSeconds} s warm-up)`);
  const burst = await slackBurst(stack.service('ingest').url, stack.slackSigningSecret, settings);
  console.log(
    `  warm-up ${burst.warmupAcked}/${burst.warmupSent} acked 200; ${burst.sent} sent, ${burst.acked} acked 200, ${burst.achievedRate.toFixed(0)} events/s, p50 ${burst.p50Ms} ms, p99 ${burst.p99Ms} ms, max ${burst.maxMs} ms; receiver accepted ${burst.accepted}, worker counted ${burst.accountedFor}, lost ${burst.lost}`,
  );
  return burst;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
