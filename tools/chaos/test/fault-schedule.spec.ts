import { runFaults, type Fault, type WorkerHealth } from './support/fault-schedule';

/** Workers whose readiness follows a flag the faults flip, and that can be made to die. */
function fakeWorkers(): WorkerHealth & { ready: boolean; dead: boolean } {
  const workers = {
    ready: true,
    dead: false,
    allReady: async () => workers.ready,
    anyDied: () => workers.dead,
    assertAlive: () => {
      if (workers.dead) throw new Error('ingest-1 exited (SIGSEGV) during the run');
    },
  };
  return workers;
}

function outage(name: string, workers: { ready: boolean }, options: { showsDown: boolean; outageMs?: number }): Fault & { log: string[] } {
  const log: string[] = [];
  return {
    name,
    outageMs: options.outageMs ?? 300,
    log,
    inject: async () => {
      log.push('inject');
      if (options.showsDown) workers.ready = false;
    },
    heal: async () => {
      log.push('heal');
      workers.ready = true;
    },
  };
}

describe('fault schedule', () => {
  it('runs the faults in order and records whether readiness dropped during each outage', async () => {
    const workers = fakeWorkers();
    const visible = outage('postgres cut', workers, { showsDown: true });
    const invisible = outage('nothing happened', workers, { showsDown: false });
    const figures = await runFaults([visible, invisible], workers, 0);
    expect(figures.map(({ fault, outageMs, seenNotReady }) => ({ fault, outageMs, seenNotReady }))).toEqual([
      { fault: 'postgres cut', outageMs: 300, seenNotReady: true },
      { fault: 'nothing happened', outageMs: 300, seenNotReady: false },
    ]);
    expect(visible.log).toEqual(['inject', 'heal']);
    expect(invisible.log).toEqual(['inject', 'heal']);
  });

  it('stops at a worker that died during a fault, naming it, instead of waiting for its readiness', async () => {
    const workers = fakeWorkers();
    const fatal: Fault = {
      name: 'redis cut',
      outageMs: 0,
      inject: async () => {
        workers.ready = false;
        workers.dead = true;
      },
      heal: async () => undefined,
    };
    const after = outage('rabbitmq cut', workers, { showsDown: true });
    await expect(runFaults([fatal, after], workers, 0)).rejects.toThrow('ingest-1 exited (SIGSEGV) during the run');
    expect(after.log).toEqual([]);
  });
});
