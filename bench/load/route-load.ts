import autocannon from 'autocannon';
import { RATE_TOLERANCE, ROUTE_GOALS, type Goal } from './load-goals';

export interface RouteLoadSettings {
  seconds: number;
  rate: number;
  connections: number;
  warmupSeconds: number;
}

export interface RouteFigures {
  service: string;
  route: string;
  requests: number;
  achievedRate: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/**
 * One guarded list route at a fixed request rate with a user token whose verification and policy
 * are already cached (a short warm-up at the same rate fills both levels and the pools first).
 */
export async function loadRoute(service: string, url: string, token: string, settings: RouteLoadSettings): Promise<RouteFigures> {
  const route = new URL(url).pathname;
  const run = (duration: number) =>
    autocannon({ url, connections: settings.connections, overallRate: settings.rate, duration, timeout: 10, headers: { authorization: `Bearer ${token}` } });
  const probe = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (probe.status !== 200) throw new Error(`${service} ${route} answered ${probe.status} before the run: ${(await probe.text()).slice(0, 200)}`);
  await run(settings.warmupSeconds);
  const result = await run(settings.seconds);
  const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
  return {
    service,
    route,
    requests: result.requests.total,
    achievedRate: result.requests.total / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

export function routeGoals(figures: RouteFigures): Goal[] {
  const name = `${figures.service} GET ${figures.route}`;
  const failures = figures.errors + figures.non2xx;
  return [
    { goal: `${name} rate`, value: figures.achievedRate, unit: 'req/s', target: `>= ${ROUTE_GOALS.requestsPerSecond} req/s`, pass: figures.achievedRate >= ROUTE_GOALS.requestsPerSecond * RATE_TOLERANCE },
    { goal: `${name} p99`, value: figures.p99Ms, unit: 'ms', target: `< ${ROUTE_GOALS.p99Ms} ms`, pass: figures.p99Ms < ROUTE_GOALS.p99Ms },
    { goal: `${name} errors + non-2xx`, value: failures, target: `= ${ROUTE_GOALS.errors}`, pass: failures === ROUTE_GOALS.errors },
  ];
}
