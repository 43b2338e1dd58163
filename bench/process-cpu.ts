/**
 * CPU time spent during a benchmark phase by this process, by the PostgreSQL backends serving one
 * database, and by the RabbitMQ broker, read from /proc (Linux). It tells where a pipeline's time
 * goes across processes, and what rate the machine's cores could sustain at all for that work.
 * Elsewhere (no /proc, or other users' processes unreadable) the outside figures are `undefined`.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

type ProcessKind = 'postgres' | 'rabbitmq';

interface ProcessTicks {
  kind: ProcessKind;
  ticks: number;
}

export interface CpuSnapshot {
  self: NodeJS.CpuUsage;
  /** By pid; empty when /proc is unavailable. */
  outside: Map<string, ProcessTicks>;
}

export interface CpuPerItem {
  /** Microseconds of CPU per item, per side. */
  node: number;
  postgres?: number;
  rabbitmq?: number;
  /** The rate at which the machine's cores would be fully busy with exactly this work. */
  coresBoundItemsPerSecond?: number;
  cores: number;
}

const CLOCK_TICKS_PER_SECOND = clockTicksPerSecond();

function clockTicksPerSecond(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** `postgres` backends of `database` (their command line names it) and the broker's `beam.smp`. */
function kindOf(pid: string, database: string): ProcessKind | undefined {
  const name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  if (name === 'beam.smp') return 'rabbitmq';
  if (name !== 'postgres') return undefined;
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${database} `) ? 'postgres' : undefined;
}

function outsideTicks(database: string): Map<string, ProcessTicks> {
  const found = new Map<string, ProcessTicks>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return found;
  }
  for (const pid of pids) {
    try {
      const kind = kindOf(pid, database);
      if (!kind) continue;
      // Fields after the parenthesised command: utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 1).trim().split(' ');
      found.set(pid, { kind, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return found;
}

export function cpuSnapshot(database: string): CpuSnapshot {
  return { self: process.cpuUsage(), outside: outsideTicks(database) };
}

/**
 * CPU per item between `before` and now. Backends that started during the phase count from zero;
 * the broker's figure includes any other traffic it carried meanwhile (other tenants, other tests).
 */
export function cpuPerItem(before: CpuSnapshot, database: string, items: number): CpuPerItem {
  const self = process.cpuUsage(before.self);
  const after = outsideTicks(database);
  const totals: Record<ProcessKind, number> = { postgres: 0, rabbitmq: 0 };
  for (const [pid, { kind, ticks }] of after) totals[kind] += ticks - (before.outside.get(pid)?.ticks ?? 0);
  const micros = (ticks: number) => (ticks * 1e6) / CLOCK_TICKS_PER_SECOND / items;
  const node = (self.user + self.system) / items;
  const cores = os.cpus().length;
  if (after.size === 0) return { node, cores };
  const postgres = micros(totals.postgres);
  const rabbitmq = micros(totals.rabbitmq);
  return { node, postgres, rabbitmq, cores, coresBoundItemsPerSecond: (cores * 1e6) / (node + postgres + rabbitmq) };
}
