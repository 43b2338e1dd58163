/** Counts of `ingest_outcomes_total` for one source, by outcome token. */
export type OutcomeCounts = Record<string, number>;

export async function readOutcomes(ingestUrl: string, source = 'slack'): Promise<OutcomeCounts> {
  const response = await fetch(`${ingestUrl}/metrics`);
  if (!response.ok) throw new Error(`GET /metrics answered ${response.status}`);
  const counts: OutcomeCounts = {};
  for (const line of (await response.text()).split('\n')) {
    if (!line.startsWith('ingest_outcomes_total{') || !line.includes(`source="${source}"`)) continue;
    const outcome = /outcome="([^"]+)"/.exec(line)?.[1];
    if (outcome) counts[outcome] = (counts[outcome] ?? 0) + Number(line.split(' ').pop());
  }
  return counts;
}

/** Waits until the counters grew by `deliveries` over `before`: every delivery has an outcome. */
export async function waitForOutcomes(ingestUrl: string, before: OutcomeCounts, deliveries: number, timeoutMs = 30_000): Promise<OutcomeCounts> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await readOutcomes(ingestUrl);
    const delta = difference(now, before);
    if (total(delta) >= deliveries) return delta;
    if (Date.now() > deadline) throw new Error(`only ${total(delta)} of ${deliveries} Slack deliveries were decided in time`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export function total(counts: OutcomeCounts): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

function difference(now: OutcomeCounts, before: OutcomeCounts): OutcomeCounts {
  const delta: OutcomeCounts = {};
  for (const [outcome, count] of Object.entries(now)) if (count - (before[outcome] ?? 0) > 0) delta[outcome] = count - (before[outcome] ?? 0);
  return delta;
}
