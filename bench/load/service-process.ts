import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { waitFor } from '@sentinel/testing';

const WORKSPACE_ROOT = resolve(__dirname, '../..');
const READY_TIMEOUT_MS = 120_000;

/** The service's compiled entry point; a clear error when the tree was not built. */
function compiledMain(name: string): string {
  const main = resolve(WORKSPACE_ROOT, 'dist', 'apps', name, 'src', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first (\`npm run load\` does)`);
  return main;
}
const STOP_TIMEOUT_MS = 15_000;

/**
 * `LOAD_CPU_PROF=<dir>`: each service writes `<service>.cpuprofile` there when it stops (Node refuses
 * `--cpu-prof` in NODE_OPTIONS, so it has to be an argument of the service's own command line).
 */
function profilerFlags(service: string): string[] {
  const dir = process.env.LOAD_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(dir)}`, `--cpu-prof-name=${service}.cpuprofile`] : [];
}

/**
 * One service as its own process, run as the production image runs it: the compiled `dist/` tree
 * (`npm run load` builds it first) with the alias preload. Not through ts-node: ts-node eagerly loads
 * Node's REPL, which loads `domain`, which wraps every EventEmitter's construction and `emit` (about
 * 6x their cost in a micro-benchmark), so a run from source measures a runtime the image never runs. Each service has its own event
 * loop, and the load generator does not compete with it in-process. Its log lines (warn and above
 * at the load run's level) are echoed with the service's name.
 */
export class ServiceProcess {
  private child?: ChildProcess;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      process.execPath,
      [...profilerFlags(this.name), '-r', resolve(WORKSPACE_ROOT, 'tools/runtime/register-paths.js'), compiledMain(this.name)],
      {
        cwd: WORKSPACE_ROOT,
        env: { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => process.stdout.write(`  ${this.name.padEnd(15)}| ${line}\n`));
    }
    const exited = new Promise<never>((_, reject) => child.once('exit', (code, signal) => reject(new Error(`${this.name} exited (${signal ?? code}) while starting`))));
    await Promise.race([waitFor(`${this.name} ready`, async () => (await fetch(`${this.url}/health/ready`).catch(() => undefined))?.ok, READY_TIMEOUT_MS, 500), exited]);
  }

  /** SIGTERM (in-flight work finishes), SIGKILL if it has not exited in time. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
}
