/** One row of a results file's `goals`, the shape bench/run-all.js prints. */
export interface Goal {
  goal: string;
  value: number;
  unit?: string;
  target: string;
  pass: boolean;
}

/** The load run's targets (issue 11): every guarded list route and the Slack receiver's burst. */
export const ROUTE_GOALS = { requestsPerSecond: 500, p99Ms: 50, errors: 0 };
export const BURST_GOALS = { eventsPerSecond: 2_000, maxAckMs: 3_000 };

/** Achieved rate counts as reaching a target within 2% (autocannon paces by whole seconds). */
export const RATE_TOLERANCE = 0.98;
