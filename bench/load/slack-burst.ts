import { randomBytes } from 'node:crypto';
import { slackMessageEvent, slackSignatureHeaders } from '@sentinel/fakes';
import { waitFor } from '@sentinel/testing';
import autocannon from 'autocannon';
import { BURST_GOALS, RATE_TOLERANCE, type Goal } from './load-goals';

export interface BurstSettings {
  seconds: number;
  rate: number;
  connections: number;
  /**
   * Seconds at the same rate before the measured burst, as the route loads warm up: a Slack burst
   * meets a running receiver, not one whose request path V8 has not compiled yet. The warm-up's
   * events count in the none-lost check, not in the rate and latency figures.
   */
  warmupSeconds: number;
  /** How long the worker may take after the burst to account for every event. */
  drainTimeoutMs: number;
}

export interface BurstFigures {
  sent: number;
  acked: number;
  achievedRate: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Warm-up deliveries sent and answered 200 before the measured burst (part of the loss check). */
  warmupSent: number;
  warmupAcked: number;
  /** Receiver side: events the receiver published with a broker confirm before answering 200. */
  accepted: number;
  /** Worker side: events consumed from the inbound queue and counted by the gate (outcome or unrouted). */
  accountedFor: number;
  lost: number;
}

/**
 * Signed Events API message deliveries, each with its own event id and ts, built and signed before
 * the clock starts so the generator spends the burst sending. A team no integration belongs to, so
 * every event takes the receiver's full path (verify, publish, confirm, ack) and the worker's
 * cheapest one (routed to nobody, counted as unrouted): the figure is the receiver's.
 */
function signedBodies(count: number, signingSecret: string): Array<{ body: string; headers: Record<string, string> }> {
  const run = randomBytes(4).toString('hex');
  const baseTs = Math.floor(Date.now() / 1000);
  return Array.from({ length: count }, (_, index) => {
    const body = JSON.stringify(
      slackMessageEvent({ teamId: 'T0LOADBURST', eventId: `EvLOAD${run}${index}`, channel: 'C0LOAD', user: 'U0LOAD', text: 'load burst', ts: `${baseTs}.${String(index).padStart(6, '0')}` }),
    );
    return { body, headers: { 'content-type': 'application/json', ...slackSignatureHeaders(signingSecret, body) } };
  });
}

/** Sums every sample of a Prometheus counter whose labels include `labels`. */
function counterSum(metrics: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  return metrics
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && wanted.every((label) => line.includes(label)))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

async function ingestCounts(ingestUrl: string): Promise<{ accepted: number; accountedFor: number }> {
  const metrics = await (await fetch(`${ingestUrl}/metrics`)).text();
  return {
    accepted: counterSum(metrics, 'ingest_slack_requests_total', { result: 'accepted', reason: 'message' }),
    accountedFor: counterSum(metrics, 'ingest_outcomes_total', { source: 'slack' }) + counterSum(metrics, 'ingest_unrouted_total', { source: 'slack' }),
  };
}

/** Sends `amount` deliveries at the burst's rate, each taking the next signed body (never one twice). */
function send(ingestUrl: string, settings: BurstSettings, amount: number, nextBody: () => { body: string; headers: Record<string, string> }) {
  return autocannon({
    url: `${ingestUrl}/slack/events`,
    connections: settings.connections,
    overallRate: settings.rate,
    amount,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const signed = nextBody();
          return { ...request, method: 'POST', path: '/slack/events', headers: signed.headers, body: signed.body };
        },
      },
    ],
  });
}

const ackedOf = (result: autocannon.Result) => result.requests.total - result.non2xx - result.errors;

export async function slackBurst(ingestUrl: string, signingSecret: string, settings: BurstSettings): Promise<BurstFigures> {
  const warmupAmount = Math.round(settings.warmupSeconds * settings.rate);
  const amount = settings.seconds * settings.rate;
  // autocannon builds each connection's first request while setting up, so a few bodies go unsent.
  const bodies = signedBodies(warmupAmount + amount + 2 * settings.connections, signingSecret);
  let next = 0;
  const nextBody = () => bodies[next++ % bodies.length];
  const before = await ingestCounts(ingestUrl);
  const warmup = warmupAmount > 0 ? await send(ingestUrl, settings, warmupAmount, nextBody) : undefined;
  const result = await send(ingestUrl, settings, amount, nextBody);
  const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
  const warmupAcked = warmup ? ackedOf(warmup) : 0;
  const acked = ackedOf(result);
  // The worker keeps consuming after the last ack; wait until it has counted every accepted event (or give up).
  const after = await waitFor(
    'every accepted event counted by the worker',
    async () => {
      const counts = await ingestCounts(ingestUrl);
      return counts.accountedFor - before.accountedFor >= counts.accepted - before.accepted ? counts : undefined;
    },
    settings.drainTimeoutMs,
    500,
  ).catch(() => ingestCounts(ingestUrl));
  const accepted = after.accepted - before.accepted;
  const accountedFor = after.accountedFor - before.accountedFor;
  return {
    sent: result.requests.total,
    acked,
    achievedRate: result.requests.total / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    warmupSent: warmup?.requests.total ?? 0,
    warmupAcked,
    accepted,
    accountedFor,
    lost: Math.max(warmupAcked + acked - accepted, 0) + Math.max(accepted - accountedFor, 0),
  };
}

export function burstGoals(figures: BurstFigures): Goal[] {
  const failures = figures.non2xx + figures.errors;
  return [
    { goal: 'slack burst rate', value: figures.achievedRate, unit: 'events/s', target: `>= ${BURST_GOALS.eventsPerSecond} events/s`, pass: figures.achievedRate >= BURST_GOALS.eventsPerSecond * RATE_TOLERANCE },
    { goal: 'slack burst max ack latency', value: figures.maxMs, unit: 'ms', target: `< ${BURST_GOALS.maxAckMs} ms`, pass: figures.maxMs < BURST_GOALS.maxAckMs },
    { goal: 'slack burst not acked 200', value: failures, target: '= 0', pass: failures === 0 },
    {
      goal: 'slack burst lost (acked - counted by the worker)',
      value: figures.lost,
      target: '= 0',
      pass: figures.lost === 0 && figures.warmupAcked === figures.warmupSent && figures.accountedFor === figures.warmupAcked + figures.acked,
    },
  ];
}
