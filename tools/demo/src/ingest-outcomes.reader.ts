/** Counts of `ingest_outcomes_total` for one source, by outcome token. */
export type OutcomeCounts = Record<string, number>;

/** Every sample of one counter whose labels include `source="<source>"`: labels text and value. */
async function readCounter(ingestUrl: string, metric: string, source: string): Promise<Array<{ labels: string; value: number }>> {
  const response = await fetch(`${ingestUrl}/metrics`);
  if (!response.ok) throw new Error(`GET /metrics answered ${response.status}`);
  return (await response.text())
    .split('\n')
    .filter((line) => line.startsWith(`${metric}{`) && line.includes(`source="${source}"`))
    .map((line) => ({ labels: line.slice(metric.length, line.lastIndexOf('}') + 1), value: Number(line.split(' ').pop()) }));
}

export async function readOutcomes(ingestUrl: string, source = 'slack'): Promise<OutcomeCounts> {
  const counts: OutcomeCounts = {};
  for (const { labels, value } of await readCounter(ingestUrl, 'ingest_outcomes_total', source)) {
    const outcome = /outcome="([^"]+)"/.exec(labels)?.[1];
    if (outcome) counts[outcome] = (counts[outcome] ?? 0) + value;
  }
  return counts;
}

/** Polls of a Google source finished so far (every result: full, incremental, leased, failed). */
export async function readPolls(ingestUrl: string, source: 'gmail' | 'calendar'): Promise<number> {
  return (await readCounter(ingestUrl, 'ingest_source_polls_total', source)).reduce((sum, sample) => sum + sample.value, 0);
}

/** Waits until the counters grew by `deliveries` over `before`: every delivery has an outcome. */
export async function waitForOutcomes(ingestUrl: string, before: OutcomeCounts, deliveries: number, timeoutMs = 30_000): Promise<OutcomeCounts> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const delta = difference(await readOutcomes(ingestUrl), before);
    if (total(delta) >= deliveries) return delta;
    if (Date.now() > deadline) throw new Error(`only ${total(delta)} of ${deliveries} Slack deliveries were decided in time`);
    await pause(250);
  }
}

/**
 * Waits until a polled source has settled since `before`: two more polls have finished (the one the
 * connect or change started, and a later one, so everything the first published is queued), and
 * its outcome counts held still for a second. Returns what was decided since `before`.
 */
export async function waitForSourceSettled(
  ingestUrl: string,
  source: 'gmail' | 'calendar',
  before: { outcomes: OutcomeCounts; polls: number },
  timeoutMs = 60_000,
): Promise<OutcomeCounts> {
  const deadline = Date.now() + timeoutMs;
  let previous: string | undefined;
  for (;;) {
    const delta = difference(await readOutcomes(ingestUrl, source), before.outcomes);
    const polled = (await readPolls(ingestUrl, source)) >= before.polls + 2;
    const current = JSON.stringify(delta);
    if (polled && current === previous) return delta;
    if (Date.now() > deadline) throw new Error(`the ${source} sync did not settle in time`);
    previous = polled ? current : undefined;
    await pause(1_000);
  }
}

export function total(counts: OutcomeCounts): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

/** Adds outcome counts (two syncs of one source). */
export function sum(a: OutcomeCounts, b: OutcomeCounts): OutcomeCounts {
  const result: OutcomeCounts = { ...a };
  for (const [outcome, count] of Object.entries(b)) result[outcome] = (result[outcome] ?? 0) + count;
  return result;
}

function difference(now: OutcomeCounts, before: OutcomeCounts): OutcomeCounts {
  const delta: OutcomeCounts = {};
  for (const [outcome, count] of Object.entries(now)) if (count - (before[outcome] ?? 0) > 0) delta[outcome] = count - (before[outcome] ?? 0);
  return delta;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
