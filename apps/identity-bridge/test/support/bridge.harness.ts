// Test-only: the dev identity (a tool app) stands in for the external identity service in-process.
import { startDevIdentity, type DevIdentityHandle } from '@sentinel/dev-identity';
import { REDIS_CLIENT } from '@sentinel/cache';
import type { BaseServiceEnv } from '@sentinel/config';
import { ConsumerHost, consumerQueueNames, DEAD_REASON_HEADER } from '@sentinel/messaging';
import { createTestStack, startTestService, type RunningTestService, type TestStack } from '@sentinel/testing-services';
import { deleteQueuesAndExchanges, TEST_RABBITMQ_URL, TEST_REDIS_URL, uniqueTestName, waitFor } from '@sentinel/testing';
import { connect } from 'amqplib';
import Redis from 'ioredis';
import { Client } from 'pg';
import { IdentityBridgeEnv } from '../../src/identity-bridge.env';
import { IdentityBridgeService } from '../../src/identity-bridge.service-definition';
import { IDENTITY_EVENTS_CONSUMER } from '../../src/identity-events/identity-event.schemas';
import { PeerService } from './peer.service';

/** A dev identity publishing on an exchange of its own, shared by every tenant bridge of a test file. */
export interface IdentityBroker {
  identity: DevIdentityHandle;
  exchange: string;
  close(): Promise<void>;
}

export async function startIdentityBroker(): Promise<IdentityBroker> {
  const exchange = `test.${uniqueTestName('identity')}`;
  const identity = await startDevIdentity({ rabbitmqUrl: TEST_RABBITMQ_URL, exchange, tokenTtlSeconds: 3_600 });
  return {
    identity,
    exchange,
    close: async () => {
      await identity.close();
      await deleteQueuesAndExchanges([], [exchange]);
    },
  };
}

export interface DeadLetter {
  reason: string;
  messageId: string | undefined;
}

/** One tenant's stack: its identity-bridge consuming the identity exchange, and peers sharing its caches. */
export class TenantBridge {
  private readonly peers: Array<RunningTestService<BaseServiceEnv>> = [];

  private constructor(
    readonly broker: IdentityBroker,
    readonly stack: TestStack,
    readonly bridge: RunningTestService<IdentityBridgeEnv>,
    /** The services' environment (the dev identity as identity). */
    readonly env: Record<string, string>,
    readonly db: Client,
    /** Prefixed like the services' client. */
    readonly redis: Redis,
  ) {}

  /** `deaf`: bind the bridge to an exchange nobody publishes on, so only the system route can flush. */
  static async start(broker: IdentityBroker, { deaf = false }: { deaf?: boolean } = {}): Promise<TenantBridge> {
    const stack = await createTestStack();
    const { identity } = broker;
    const env = {
      ...stack.env,
      ...identity.serviceEnv,
      IDENTITY_EXCHANGE: deaf ? `${broker.exchange}.unused` : broker.exchange,
    };
    const bridge = await startTestService(IdentityBridgeService, env);
    await bridge.app.get(ConsumerHost).ready();
    const db = new Client({ connectionString: stack.database.url });
    await db.connect();
    const tenant = new TenantBridge(broker, stack, bridge, env, db, new Redis(TEST_REDIS_URL, { keyPrefix: stack.redisPrefix }));
    await tenant.waitForSubscribers(1);
    return tenant;
  }

  get tenantId(): string {
    return this.stack.tenantId;
  }

  get identity(): DevIdentityHandle {
    return this.broker.identity;
  }

  /** Another service of this stack (same database, Redis prefix), listening for cache invalidations. */
  async startPeer(): Promise<RunningTestService<BaseServiceEnv>> {
    const peer = await startTestService(PeerService, this.env);
    this.peers.push(peer);
    await waitFor('the peer to reach Redis', async () => peer.app.get<Redis>(REDIS_CLIENT).status === 'ready');
    await this.waitForSubscribers(1 + this.peers.length);
    return peer;
  }

  /** A user of this tenant with the given short permissions (`crm.contacts.view`), and a token. */
  async user(id: string, permissions: string[], impersonatorId?: string): Promise<string> {
    await this.identity.createUser({ id, tenants: [{ id: this.tenantId, role: 'member' }] });
    await this.setPermissions(id, permissions);
    return (await this.identity.mintToken({ subject: id, impersonatorId })).token;
  }

  /** Sets the user's policy and waits until this bridge (unless deaf) has applied the resulting `policy.updated`. */
  async setPermissions(userId: string, permissions: string[]): Promise<void> {
    const before = (await this.processedEventIds()).length;
    await this.identity.setPolicy(this.policy(userId, permissions));
    if (this.env.IDENTITY_EXCHANGE !== this.broker.exchange) return;
    await waitFor('the policy event to be applied', async () => (await this.processedEventIds()).length > before, 10_000, 5);
  }

  /** The dev identity's policy input for short permission names of this tenant. */
  policy(userId: string, permissions: string[]) {
    return { userId, tenantId: this.tenantId, permissions: permissions.map((name) => `tenant.${this.tenantId}.${name}`) };
  }

  async processedEventIds(): Promise<string[]> {
    const { rows } = await this.db.query<{ event_id: string }>(`SELECT event_id FROM processed_events ORDER BY processed_at`);
    return rows.map((row) => row.event_id);
  }

  async auditRows(event: string): Promise<Array<Record<string, unknown>>> {
    const { rows } = await this.db.query(`SELECT * FROM activity_log WHERE event = $1 ORDER BY seq`, [event]);
    return rows;
  }

  /** Takes every message waiting in this tenant's identity dead-letter queue. */
  async takeDeadLetters(): Promise<DeadLetter[]> {
    const connection = await connect(TEST_RABBITMQ_URL);
    try {
      const channel = await connection.createChannel();
      const letters: DeadLetter[] = [];
      for (;;) {
        const message = await channel.get(consumerQueueNames(this.tenantId, IDENTITY_EVENTS_CONSUMER).dead, { noAck: true });
        if (!message) break;
        letters.push({ reason: String(message.properties.headers?.[DEAD_REASON_HEADER]), messageId: message.properties.messageId });
      }
      await channel.close();
      return letters;
    } finally {
      await connection.close();
    }
  }

  /** The value of one Prometheus sample of the bridge (0 when absent). */
  async metric(name: string, labels: Record<string, string>): Promise<number> {
    const response = await fetch(`${this.bridge.url}/metrics`);
    const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
    const line = (await response.text())
      .split('\n')
      .find((candidate) => candidate.startsWith(`${name}{`) && wanted.every((label) => candidate.includes(label)));
    return line ? Number(line.split(' ').pop()) : 0;
  }

  async close(): Promise<void> {
    for (const peer of this.peers) await peer.close();
    await this.bridge.close();
    this.redis.disconnect();
    await this.db.end();
    await this.stack.cleanup([IDENTITY_EVENTS_CONSUMER]);
    if (this.env.IDENTITY_EXCHANGE !== this.broker.exchange) await deleteQueuesAndExchanges([], [this.env.IDENTITY_EXCHANGE]);
  }

  private async waitForSubscribers(count: number): Promise<void> {
    await waitFor('cache invalidation subscribers', async () => {
      const [, listeners] = (await this.redis.pubsub('NUMSUB', `${this.stack.redisPrefix}auth-cache.invalidate`)) as [string, number];
      return listeners >= count;
    });
  }
}
