import { waitFor } from '@sentinel/testing';
import type { WorkerPool } from './worker-pool';

/** One fault of the run: something breaks, stays broken for `outageMs`, then is put right. */
export interface Fault {
  name: string;
  outageMs: number;
  inject(): Promise<void>;
  heal(): Promise<void>;
}

export interface FaultFigure {
  fault: string;
  outageMs: number;
  /** Whether a worker answered `/health/ready` with something else than 200 during the outage. */
  seenNotReady: boolean;
  /** From putting the fault right (for a kill: starting the replacement) until every running worker answers `/health/ready` 200. */
  recoveredMs: number;
}

/** What the schedule asks of the workers (a WorkerPool in the chaos run). */
export type WorkerHealth = Pick<WorkerPool, 'allReady' | 'anyDied' | 'assertAlive'>;

const RECOVERY_LIMIT_MS = 120_000;

/**
 * Runs the faults one after the other, `gapMs` of normal traffic before each. After each one it
 * waits until every running worker is ready again and checks that none of them died.
 */
export async function runFaults(faults: readonly Fault[], pool: WorkerHealth, gapMs: number): Promise<FaultFigure[]> {
  const figures: FaultFigure[] = [];
  for (const fault of faults) {
    await sleep(gapMs);
    await fault.inject();
    const seenNotReady = await sawNotReadyDuring(pool, fault.outageMs);
    const healedAt = Date.now();
    await fault.heal();
    // A worker that died ends the wait at once; assertAlive then reports it with its output.
    await waitFor(`every worker ready after ${fault.name}`, async () => pool.anyDied() || pool.allReady(), RECOVERY_LIMIT_MS, 100);
    pool.assertAlive();
    figures.push({ fault: fault.name, outageMs: fault.outageMs, seenNotReady, recoveredMs: Date.now() - healedAt });
  }
  return figures;
}

/** Polls readiness for the outage's duration: the fault must show, not only heal. */
async function sawNotReadyDuring(pool: WorkerHealth, outageMs: number): Promise<boolean> {
  const until = Date.now() + outageMs;
  let seen = false;
  while (Date.now() < until) {
    if (!seen && !(await pool.allReady())) seen = true;
    await sleep(Math.min(250, Math.max(0, until - Date.now())));
  }
  return seen;
}

/** The time the schedule takes if every recovery were instant. */
export function plannedDurationMs(faults: readonly Fault[], gapMs: number): number {
  return faults.reduce((total, fault) => total + gapMs + fault.outageMs, 0);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
