import { waitFor, type TcpFaultProxy } from '@sentinel/testing';
import type { Fault } from './fault-schedule';
import type { PrivatePostgres } from './private-postgres';
import type { WorkerPool } from './worker-pool';

/** Issue 11: each PostgreSQL cut lasts 10 s. */
export const POSTGRES_CUT_MS = 10_000;
const BROKER_CUT_MS = 5_000;
const CACHE_CUT_MS = 5_000;
const POSTGRES_DOWN_MS = 3_000;

/** Every open connection through the proxy is torn down and new ones are refused until healed. */
export function cut(name: string, proxy: TcpFaultProxy, outageMs: number): Fault {
  return {
    name,
    outageMs,
    inject: async () => {
      proxy.setMode('refuse');
      proxy.cutAll();
    },
    heal: async () => proxy.setMode('pass'),
  };
}

/** The private server itself stops (sessions terminated) and starts again. */
export function restart(name: string, postgres: PrivatePostgres): Fault {
  return { name, outageMs: POSTGRES_DOWN_MS, inject: () => postgres.stop(), heal: () => postgres.start() };
}

/**
 * SIGKILL of a worker while it is working through deliveries (its settled count still rising, so
 * it holds unacknowledged ones), then a replacement, as an orchestrator would start.
 */
export function killMidBatch(name: string, pool: WorkerPool, queue: string): Fault {
  return {
    name,
    outageMs: 0,
    inject: async () => {
      const victim = pool.live[0];
      if (!victim) throw new Error('no worker to kill');
      const settled = () => victim.counter('messaging_deliveries_total', { queue });
      await waitFor(`${victim.name} busy`, async () => {
        const before = await settled();
        await new Promise((resolve) => setTimeout(resolve, 200));
        return (await settled()) > before;
      }, 60_000, 0);
      await pool.kill(victim);
    },
    heal: () => pool.start(1),
  };
}

export interface ChaosTargets {
  postgresProxy: TcpFaultProxy;
  rabbitmqProxy: TcpFaultProxy;
  redisProxy: TcpFaultProxy;
  postgres: PrivatePostgres;
  pool: WorkerPool;
  /** The consumer the workers compete on (its settled deliveries show a worker is mid-batch). */
  inboundQueue: string;
}

/**
 * The faults: PostgreSQL cut twice (10 s each) and restarted once, RabbitMQ and Redis cut
 * once, one worker SIGKILLed mid-batch. The kill comes last, while items still arrive, so the
 * surviving worker carries the load while the replacement boots.
 */
export function chaosFaults(targets: ChaosTargets): Fault[] {
  return [
    cut('postgres cut 1', targets.postgresProxy, POSTGRES_CUT_MS),
    cut('redis cut', targets.redisProxy, CACHE_CUT_MS),
    restart('postgres restart', targets.postgres),
    cut('rabbitmq cut', targets.rabbitmqProxy, BROKER_CUT_MS),
    cut('postgres cut 2', targets.postgresProxy, POSTGRES_CUT_MS),
    killMidBatch('worker SIGKILL', targets.pool, targets.inboundQueue),
  ];
}
