import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { closedLoopbackPort, waitFor } from '@sentinel/testing';

const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
const COMPILED_MAIN = 'dist/apps/ingest/src/main.js';
const SOURCE_MAIN = 'apps/ingest/src/main.ts';
/** Sources the compiled entry point is built from: when one is newer, `dist/` is stale. */
const SOURCE_ROOTS = ['apps/ingest/src', 'libs'];
const KEPT_OUTPUT_LINES = 200;

/**
 * How to run the ingest app as its own process. `npm test` builds `dist/` before jest runs, and the
 * compiled app boots in seconds; when `dist/` is missing or older than a source file (a jest run
 * on its own after an edit), the sources run through ts-node instead, so the test never exercises
 * stale code.
 */
export function ingestLaunchArgs(): { args: string[]; compiled: boolean } {
  const compiled = join(WORKSPACE_ROOT, COMPILED_MAIN);
  if (existsSync(compiled) && newestSourceMtime() <= statSync(compiled).mtimeMs) {
    return { args: ['-r', './tools/runtime/register-paths.js', COMPILED_MAIN], compiled: true };
  }
  return { args: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', SOURCE_MAIN], compiled: false };
}

/** One ingest service process (HTTP + queue consumers) on a free loopback port. */
export class IngestProcess {
  private readonly output: string[] = [];

  private constructor(
    readonly name: string,
    readonly url: string,
    private readonly child: ChildProcess,
  ) {
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8').on('data', (chunk: string) => {
        this.output.push(...chunk.split('\n').filter(Boolean));
        this.output.splice(0, Math.max(0, this.output.length - KEPT_OUTPUT_LINES));
      });
    }
  }

  static async start(name: string, env: Record<string, string>): Promise<IngestProcess> {
    const port = await closedLoopbackPort();
    const child = spawn(process.execPath, ingestLaunchArgs().args, {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', TS_NODE_PROJECT: join(WORKSPACE_ROOT, 'tsconfig.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const worker = new IngestProcess(name, `http://127.0.0.1:${port}`, child);
    await waitFor(`${name} live`, async () => {
      if (!worker.alive) throw new Error(`${name} exited during boot (${worker.exit})\n${worker.recentOutput()}`);
      return (await fetch(`${worker.url}/health/live`).catch(() => undefined))?.ok;
    }, 90_000, 200);
    return worker;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** How the process ended (`SIGKILL`, `code 1`), or `running`. */
  get exit(): string {
    if (this.child.signalCode) return this.child.signalCode;
    return this.child.exitCode === null ? 'running' : `code ${this.child.exitCode}`;
  }

  recentOutput(): string {
    return this.output.join('\n');
  }

  async ready(): Promise<boolean> {
    const response = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(2_000) }).catch(() => undefined);
    return response?.status === 200;
  }

  /** The sum of a counter's series whose labels include every given label. */
  async counter(name: string, labels: Record<string, string>): Promise<number> {
    const text = await (await fetch(`${this.url}/metrics`, { signal: AbortSignal.timeout(2_000) })).text();
    return text
      .split('\n')
      .filter((line) => line.startsWith(`${name}{`) && Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`)))
      .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
  }

  /** Kills at once (no shutdown hooks, no acks): what the OOM killer or a node loss does. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** Graceful stop (SIGTERM), escalating to SIGKILL after the grace period. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.alive) return;
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.signal('SIGTERM');
    clearTimeout(timer);
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    if (!this.alive) return;
    const exited = new Promise((resolveExit) => this.child.once('exit', resolveExit));
    this.child.kill(signal);
    await exited;
  }
}

function newestSourceMtime(): number {
  let newest = 0;
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'test' && entry.name !== 'node_modules') visit(path);
      } else if (entry.name.endsWith('.ts') && !/[.-]spec\.ts$/.test(entry.name)) {
        newest = Math.max(newest, statSync(path).mtimeMs);
      }
    }
  };
  for (const root of SOURCE_ROOTS) visit(join(WORKSPACE_ROOT, root));
  return newest;
}
