import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { waitFor } from '@sentinel/testing';

const WORKSPACE_ROOT = resolve(__dirname, '../..');
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 15_000;

/**
 * One service as its own process, from source (ts-node, no build step), so each service has its
 * own event loop as in production and the load generator is not competing with it in-process.
 * Its log lines (warn and above at the load run's level) are echoed with the service's name.
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
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', resolve(WORKSPACE_ROOT, `apps/${this.name}/src/main.ts`)],
      {
        cwd: WORKSPACE_ROOT,
        env: { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1', TS_NODE_PROJECT: resolve(WORKSPACE_ROOT, 'tsconfig.json') },
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
