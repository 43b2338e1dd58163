import { IngestProcess } from './ingest-process';

/**
 * The ingest worker processes of one tenant, competing on the same queues: the ones running, and
 * the ones the run killed (kept to check that they died of the test's signal, not of a fault).
 */
export class WorkerPool {
  readonly live: IngestProcess[] = [];
  readonly killed: IngestProcess[] = [];
  private started = 0;

  constructor(private readonly env: Record<string, string>) {}

  async start(count: number): Promise<void> {
    const workers = await Promise.all(Array.from({ length: count }, () => IngestProcess.start(this.nextName(), this.env)));
    this.live.push(...workers);
  }

  /** SIGKILLs the worker and takes it out of the pool. */
  async kill(victim: IngestProcess): Promise<void> {
    await victim.kill();
    this.live.splice(this.live.indexOf(victim), 1);
    this.killed.push(victim);
  }

  /** Every running worker answers `/health/ready` with 200. */
  async allReady(): Promise<boolean> {
    return (await Promise.all(this.live.map((worker) => worker.ready()))).every(Boolean);
  }

  anyDied(): boolean {
    return this.live.some((worker) => !worker.alive);
  }

  /** Throws, with the process's last output, when a worker the run did not kill has exited. */
  assertAlive(): void {
    const dead = this.live.find((worker) => !worker.alive);
    if (dead) throw new Error(`${dead.name} exited (${dead.exit}) during the run:\n${dead.recentOutput()}`);
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.live.map((worker) => worker.stop()));
  }

  private nextName(): string {
    this.started += 1;
    return `ingest-${this.started}`;
  }
}
