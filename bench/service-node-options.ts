/**
 * A bench that runs a service's code in its own process must run it with the Node options the
 * service ships with (tools/scripts/stack-processes.js, the same as its image's NODE_OPTIONS): V8
 * reads them at startup only, so a bench started without them re-executes itself once with them.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { SERVICE_NODE_OPTIONS } from '../tools/scripts/stack-processes';
import { BENCH_NODE_ARGS } from './run-all';

const WORKSPACE_ROOT = resolve(__dirname, '..');

/** The service's options, as recorded with a bench's results. */
export function serviceNodeOptions(service: string): string {
  return SERVICE_NODE_OPTIONS[service] ?? '';
}

/**
 * True when this process already runs with `service`'s options: carry on. Otherwise runs this same
 * script again (from source, as `npm run bench` does) with them added to NODE_OPTIONS, sets this
 * process's exit code to the child's, and returns false: the caller returns without doing anything.
 */
export function runsWithServiceNodeOptions(service: string): boolean {
  const wanted = serviceNodeOptions(service);
  const current = process.env.NODE_OPTIONS ?? '';
  if (wanted === '' || current.split(/\s+/).includes(wanted)) return true;
  const script = process.argv[1];
  if (!script) throw new Error('no script to re-execute');
  const child = spawnSync(process.execPath, [...BENCH_NODE_ARGS, script, ...process.argv.slice(2)], {
    cwd: WORKSPACE_ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_OPTIONS: `${current} ${wanted}`.trim() },
  });
  process.exitCode = child.status ?? 1;
  return false;
}
