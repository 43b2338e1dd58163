import { Injectable, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ObservabilityModule } from '@sentinel/observability';
import {
  ConsumeEvent,
  ConsumerHost,
  consumerQueueNames,
  DEAD_REASON_HEADER,
  deadLetterExchangeName,
  EventPublisher,
  MessagingModule,
  Outcome,
  tenantRoutingKey,
  type Delivery,
  type DeliveryInfo,
  type EventEnvelope,
} from '../src';
import { deleteQueuesAndExchanges, TcpFaultProxy, TEST_RABBITMQ_URL, uniqueTestName, waitFor } from '@sentinel/testing';
import { IsString } from 'class-validator';
import { connect, type Channel, type ChannelModel, type GetMessage } from 'amqplib';

function deleteBrokerObjects(tenantId: string, consumers: string[], exchanges: string[]): Promise<void> {
  const queues = consumers.flatMap((consumer) => Object.values(consumerQueueNames(tenantId, consumer)));
  return deleteQueuesAndExchanges(queues, [...exchanges, deadLetterExchangeName(tenantId)]);
}

/** The broker the tests use, for fault proxies in front of it. */
const BROKER_PORT = Number(new URL(TEST_RABBITMQ_URL).port || 5672);

class ThingHappened {
  @IsString()
  name!: string;
}

@Injectable()
class RecordingHandlers {
  readonly seen: Array<{ name: string; attempt: number }> = [];
  readonly batches: number[] = [];
  /** Names of every delivery a batch handler was given, redeliveries included, as they arrive. */
  readonly batchedNames: string[] = [];
  /** Names of the first batch that held `slow`, recorded when it was handed over. */
  slowBatch: string[] = [];
  slowBatchMs = 0;
  failuresBeforeSuccess = 0;
  slowMs = 0;

  /** Events of `onThing` being handled right now, and the most seen at once. */
  thingRunning = 0;
  thingMostAtOnce = 0;

  @ConsumeEvent({ queue: 'probe', type: 'thing.happened', schema: ThingHappened })
  async onThing(envelope: EventEnvelope<ThingHappened>, info: DeliveryInfo): Promise<void> {
    this.thingRunning += 1;
    this.thingMostAtOnce = Math.max(this.thingMostAtOnce, this.thingRunning);
    try {
      await this.handleThing(envelope, info);
    } finally {
      this.thingRunning -= 1;
    }
  }

  private async handleThing(envelope: EventEnvelope<ThingHappened>, info: DeliveryInfo): Promise<void> {
    if (this.slowMs > 0) await new Promise((resolve) => setTimeout(resolve, this.slowMs));
    if (this.failuresBeforeSuccess > 0) {
      this.failuresBeforeSuccess -= 1;
      throw new Error('transient');
    }
    this.seen.push({ name: envelope.data.name, attempt: info.attempt });
  }

  /** Batches of the laned handler being handled right now, and the most seen at once. */
  lanedRunning = 0;
  lanedMostAtOnce = 0;
  readonly lanedNames: string[] = [];

  @ConsumeEvent({ queue: 'batched', type: 'thing.laned', schema: ThingHappened, batch: { maxSize: 5, maxWaitMs: 20, maxConcurrent: 2 } })
  async onLaned(deliveries: Delivery<ThingHappened>[]) {
    this.lanedRunning += 1;
    this.lanedMostAtOnce = Math.max(this.lanedMostAtOnce, this.lanedRunning);
    await new Promise((resolve) => setTimeout(resolve, 30));
    this.lanedNames.push(...deliveries.map((delivery) => delivery.envelope.data.name));
    this.lanedRunning -= 1;
    return deliveries.map(() => Outcome.ack());
  }

  /** Sizes of the byte-bounded handler's batches, in order. */
  readonly sizedBatches: number[] = [];

  @ConsumeEvent({ queue: 'batched', type: 'thing.sized', schema: ThingHappened, batch: { maxSize: 100, maxWaitMs: 300, maxBytes: 3_000 } })
  async onSized(deliveries: Delivery<ThingHappened>[]) {
    this.sizedBatches.push(deliveries.length);
    return deliveries.map(() => Outcome.ack());
  }

  @ConsumeEvent({ queue: 'batched', type: 'thing.batched', schema: ThingHappened, batch: { maxSize: 10, maxWaitMs: 50 } })
  async onBatch(deliveries: Delivery<ThingHappened>[]) {
    this.batchedNames.push(...deliveries.map((delivery) => delivery.envelope.data.name));
    // A batch holding `slow` finishes after the batches taken behind it.
    if (deliveries.some((delivery) => delivery.envelope.data.name === 'slow')) {
      if (this.slowBatch.length === 0) this.slowBatch = deliveries.map((delivery) => delivery.envelope.data.name);
      await new Promise((resolve) => setTimeout(resolve, this.slowBatchMs));
    }
    this.batches.push(deliveries.length);
    return deliveries.map((delivery) =>
      delivery.envelope.data.name === 'reject' ? Outcome.dead('rejected_by_handler') : Outcome.ack(),
    );
  }
}

describe('messaging on the real RabbitMQ', () => {
  let broker: ChannelModel;
  let channel: Channel;
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    broker = await connect(TEST_RABBITMQ_URL);
    broker.on('error', () => undefined);
    channel = await broker.createChannel();
  });

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await broker.close();
  });

  async function startStack(options: { url?: string; maxAttempts?: number; ready?: boolean } = {}) {
    const tenantId = uniqueTestName('t');
    const eventsExchange = `test.${tenantId}.events`;
    const moduleRef = await Test.createTestingModule({
      imports: [
        ObservabilityModule.forRoot({ service: 'messaging-test', tenantId, logLevel: 'silent' }),
        MessagingModule.forRoot({
          url: options.url ?? TEST_RABBITMQ_URL,
          tenantId,
          eventsExchange,
          prefetch: 20,
          service: 'messaging-test',
          shutdownGraceMs: 5_000,
          consumers: [{ name: 'probe', retry: { maxAttempts: options.maxAttempts ?? 3, baseDelayMs: 30, maxDelayMs: 60 } }],
        }),
      ],
      providers: [RecordingHandlers],
    }).compile();
    const app: INestApplication = moduleRef.createNestApplication({ logger: false });
    await app.init();
    if (options.ready !== false) await app.get(ConsumerHost).ready();
    let closed = false;
    const close = async () => {
      if (!closed) await app.close();
      closed = true;
    };
    cleanups.push(async () => {
      await close();
      await deleteBrokerObjects(tenantId, ['probe', 'batched'], [eventsExchange]);
    });
    return { tenantId, eventsExchange, app, close, handlers: app.get(RecordingHandlers), publisher: app.get(EventPublisher) };
  }

  async function getDeadLetter(tenantId: string, consumer: string): Promise<GetMessage> {
    return waitFor(`a dead letter on ${consumer}`, async () => (await channel.get(consumerQueueNames(tenantId, consumer).dead, { noAck: true })) || undefined);
  }

  it('keeps tenants apart: an event with tenant B routing key never reaches tenant A queues', async () => {
    const exchange = `test.${uniqueTestName('shared')}.events`;
    const [tenantA, tenantB] = [uniqueTestName('a'), uniqueTestName('b')];
    const { declareTenantTopology } = await import('../src');
    for (const tenantId of [tenantA, tenantB]) {
      await declareTenantTopology(channel, {
        tenantId,
        eventsExchange: exchange,
        consumers: [
          { name: 'own', eventTypes: ['thing.happened'], extraBindings: [], deliveryLimit: 5 },
          { name: 'identity', eventTypes: [], extraBindings: [{ exchange, pattern: `tenant.${tenantId}.#` }], deliveryLimit: 5 },
        ],
      });
    }
    cleanups.push(() => deleteBrokerObjects(tenantA, ['own', 'identity'], []));
    cleanups.push(() => deleteBrokerObjects(tenantB, ['own', 'identity'], [exchange]));

    channel.publish(exchange, tenantRoutingKey(tenantB, 'thing.happened'), Buffer.from('{}'), { persistent: true });
    channel.publish(exchange, `tenant.${tenantB}x.thing.happened`, Buffer.from('{}'), { persistent: true });
    await waitFor('B to receive', async () => (await channel.checkQueue(consumerQueueNames(tenantB, 'own').main)).messageCount === 1);
    await waitFor('B identity queue', async () => (await channel.checkQueue(consumerQueueNames(tenantB, 'identity').main)).messageCount === 1);
    for (const consumer of ['own', 'identity']) {
      expect((await channel.checkQueue(consumerQueueNames(tenantA, consumer).main)).messageCount).toBe(0);
    }
  });

  it('dead-letters a malformed event with its reason and keeps consuming', async () => {
    const stack = await startStack();
    const routingKey = tenantRoutingKey(stack.tenantId, 'thing.happened');
    channel.publish(stack.eventsExchange, routingKey, Buffer.from('{not json'), { persistent: true });
    const dead = await getDeadLetter(stack.tenantId, 'probe');
    expect(dead.properties.headers?.[DEAD_REASON_HEADER]).toBe('malformed_json');

    await stack.publisher.publish('thing.happened', { name: 'after-the-bad-one' });
    await waitFor('the next event', async () => stack.handlers.seen.some((seen) => seen.name === 'after-the-bad-one'));
  });

  it('SEN-ING-11 dead-letters events whose data or tenant is invalid, naming the property but not the value', async () => {
    const stack = await startStack();
    const routingKey = tenantRoutingKey(stack.tenantId, 'thing.happened');
    const envelope = { id: 'e1', type: 'thing.happened', tenant_id: stack.tenantId, occurred_at: new Date().toISOString() };
    channel.publish(stack.eventsExchange, routingKey, Buffer.from(JSON.stringify({ ...envelope, data: { name: 42, secret: 'person@example.com' } })));
    const dead = await getDeadLetter(stack.tenantId, 'probe');
    const reason = String(dead.properties.headers?.[DEAD_REASON_HEADER]);
    expect(reason).toMatch(/^invalid_data: /);
    expect(reason).toContain('name');
    expect(reason).not.toContain('example.com');

    channel.publish(stack.eventsExchange, routingKey, Buffer.from(JSON.stringify({ ...envelope, tenant_id: 'someone-else', data: { name: 'x' } })));
    const mismatch = await getDeadLetter(stack.tenantId, 'probe');
    expect(mismatch.properties.headers?.[DEAD_REASON_HEADER]).toBe('tenant_mismatch');
    expect(stack.handlers.seen).toHaveLength(0);
  });

  it('retries a failing handler through the delayed retry queue, then dead-letters when the budget is spent', async () => {
    const stack = await startStack({ maxAttempts: 3 });
    stack.handlers.failuresBeforeSuccess = 1;
    await stack.publisher.publish('thing.happened', { name: 'second-time-lucky' });
    await waitFor('the retried event', async () => stack.handlers.seen.length === 1);
    expect(stack.handlers.seen[0]).toEqual({ name: 'second-time-lucky', attempt: 2 });

    stack.handlers.failuresBeforeSuccess = 3;
    await stack.publisher.publish('thing.happened', { name: 'never' });
    const dead = await getDeadLetter(stack.tenantId, 'probe');
    expect(dead.properties.headers?.[DEAD_REASON_HEADER]).toBe('retries_exhausted: Error');
  });

  it('hands batch handlers micro-batches and settles each delivery by its own outcome', async () => {
    const stack = await startStack();
    await Promise.all(
      Array.from({ length: 25 }, (_, index) => stack.publisher.publish('thing.batched', { name: index === 7 ? 'reject' : `n${index}` })),
    );
    await waitFor('all batches', async () => stack.handlers.batches.reduce((sum, size) => sum + size, 0) === 25);
    expect(Math.max(...stack.handlers.batches)).toBeGreaterThan(1);
    expect(Math.max(...stack.handlers.batches)).toBeLessThanOrEqual(10);
    const dead = await getDeadLetter(stack.tenantId, 'batched');
    expect(dead.properties.headers?.[DEAD_REASON_HEADER]).toBe('rejected_by_handler');
  });

  it('never acks a delivery still being handled, when a later batch finishes first and is acked', async () => {
    const proxy = await new TcpFaultProxy('127.0.0.1', BROKER_PORT).start();
    cleanups.push(() => proxy.stop());
    const stack = await startStack({ url: `amqp://guest:guest@127.0.0.1:${proxy.port}` });
    stack.handlers.slowBatchMs = 3_000;
    const names = Array.from({ length: 40 }, (_, index) => (index === 0 ? 'slow' : `n${index}`));
    for (const name of names) await stack.publisher.publish('thing.batched', { name });
    await waitFor('every later batch handled', async () => {
      const slowBatch = stack.handlers.slowBatch;
      return slowBatch.length > 0 && stack.handlers.batches.reduce((sum, size) => sum + size, 0) === names.length - slowBatch.length;
    });
    const slowBatch = stack.handlers.slowBatch;
    expect(slowBatch).toContain('slow');
    // The later batches' acks leave at the end of the turn, on the connection the publisher shares.
    // A confirmed publish written after them proves the broker has read them before the cut.
    await new Promise((resolve) => setImmediate(resolve));
    await stack.publisher.publish('thing.happened', { name: 'after-the-acks' });

    // The connection drops while the slow batch is still being handled: the broker must still hold
    // it unacked and deliver it again, however many later deliveries were acked meanwhile.
    proxy.cutAll();
    await waitFor('the slow batch redelivered', async () => slowBatch.every((name) => stack.handlers.batchedNames.filter((seen) => seen === name).length === 2), 20_000);
    const seenTwice = names.filter((name) => stack.handlers.batchedNames.filter((seen) => seen === name).length > 1);
    expect(seenTwice.sort()).toEqual([...slowBatch].sort());
  }, 30_000);

  it('stops cleanly while its channel is still being set up, leaving no unhandled rejection', async () => {
    const proxy = await new TcpFaultProxy('127.0.0.1', BROKER_PORT).start();
    cleanups.push(() => proxy.stop());
    // Every frame waits, so each broker call of the setup (topology, prefetch, consume) is in flight
    // for a while. init() does not wait for the broker; the probe times a whole setup, and the others
    // close across the end of theirs, while the prefetch and the consume are in flight.
    proxy.setDelay(60);
    const proxied = { url: `amqp://guest:guest@127.0.0.1:${proxy.port}`, ready: false };
    const probeStarted = Date.now();
    const probe = await startStack(proxied);
    await probe.app.get(ConsumerHost).ready();
    const setupMs = Date.now() - probeStarted;
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      await Promise.all(
        Array.from({ length: 16 }, async (_, index) => {
          const started = Date.now();
          const stack = await startStack(proxied);
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, setupMs - 400 + index * 30 - (Date.now() - started))));
          await stack.close();
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      process.off('unhandledRejection', record);
    }
    expect(unhandled.map(String)).toEqual([]);
  }, 60_000);

  describe('bundles', () => {
    const names = (count: number, prefix = 'b') => Array.from({ length: count }, (_, index) => `${prefix}${index}`);
    const bundleOf = (tenantId: string, type: string, events: Array<{ id: string; data: object }>) =>
      Buffer.from(JSON.stringify({ id: 'bundle-1', type, tenant_id: tenantId, occurred_at: new Date().toISOString(), events: events.map((event) => ({ ...event, occurred_at: new Date().toISOString() })) }));
    const eventsOf = (message: GetMessage) => (JSON.parse(message.content.toString('utf8')) as { events: Array<{ id: string; data: { name: unknown } }> }).events;

    it('publishes at most 100 events and about 32 KiB per message, and each event reaches its handler once', async () => {
      const stack = await startStack();
      // A queue of our own on the same routing key counts the messages the publisher sent.
      const counter = (await channel.assertQueue('', { exclusive: true, autoDelete: true })).queue;
      await channel.bindQueue(counter, stack.eventsExchange, tenantRoutingKey(stack.tenantId, 'thing.happened'));
      const messages = async () => (await channel.checkQueue(counter)).messageCount;

      const small = await stack.publisher.publishBundle('thing.happened', names(250).map((name) => ({ data: { name } })));
      await waitFor('100 + 100 + 50 small events', async () => (await messages()) === 3);
      // Two of 20 KiB would pass 32 KiB, and one of 100 KiB is larger than a bundle: one message each.
      const large = [20, 20, 100].map((kib, index) => ({ data: { name: `large${index}:${'x'.repeat(kib * 1024)}` } }));
      const envelopes = [...small, ...(await stack.publisher.publishBundle('thing.happened', large))];
      await waitFor('one message per large event', async () => (await messages()) === 6);

      expect(new Set(envelopes.map((envelope) => envelope.id)).size).toBe(253);
      await waitFor('every event handled', async () => stack.handlers.seen.length === 253);
      expect(new Set(stack.handlers.seen.map((seen) => seen.name)).size).toBe(253);
      await waitFor('an empty queue', async () => (await channel.checkQueue(consumerQueueNames(stack.tenantId, 'probe').main)).messageCount === 0);
      await channel.deleteQueue(counter);
    });

    it('spreads a bundle over micro-batches, acks it once every event is settled, and dead-letters only the rejected event', async () => {
      const stack = await startStack();
      const sent = names(25).map((name, index) => (index === 7 ? 'reject' : name));
      await stack.publisher.publishBundle('thing.batched', sent.map((name) => ({ data: { name } })));
      await waitFor('all batches', async () => stack.handlers.batches.reduce((sum, size) => sum + size, 0) === 25);
      expect(Math.max(...stack.handlers.batches)).toBeLessThanOrEqual(10);

      const dead = await getDeadLetter(stack.tenantId, 'batched');
      expect(dead.properties.headers?.[DEAD_REASON_HEADER]).toBe('rejected_by_handler');
      expect(eventsOf(dead).map((event) => event.data.name)).toEqual(['reject']);
      const main = consumerQueueNames(stack.tenantId, 'batched').main;
      await waitFor('the bundle acked', async () => (await channel.checkQueue(main)).messageCount === 0);
      expect((await channel.checkQueue(consumerQueueNames(stack.tenantId, 'batched').dead)).messageCount).toBe(0);
      expect(stack.handlers.batchedNames.sort()).toEqual([...sent].sort());
    });

    it('retries only the events that failed, with the next attempt number, so none is handled twice', async () => {
      const stack = await startStack({ maxAttempts: 3 });
      stack.handlers.failuresBeforeSuccess = 2;
      const sent = names(6);
      await stack.publisher.publishBundle('thing.happened', sent.map((name) => ({ data: { name } })));
      await waitFor('every event handled', async () => stack.handlers.seen.length === 6);
      expect(stack.handlers.seen.map((seen) => seen.name).sort()).toEqual([...sent].sort());
      expect(stack.handlers.seen.filter((seen) => seen.attempt === 2)).toHaveLength(2);
      expect(stack.handlers.seen.filter((seen) => seen.attempt === 1)).toHaveLength(4);
    });

    it('SEN-ING-11 dead-letters an invalid bundled event alone, naming the property but not the value', async () => {
      const stack = await startStack();
      const events = [
        { id: 'ok-1', data: { name: 'fine' } },
        { id: 'bad-1', data: { name: 42, secret: 'person@example.com' } },
        { id: 'ok-2', data: { name: 'also-fine' } },
      ];
      channel.publish(stack.eventsExchange, tenantRoutingKey(stack.tenantId, 'thing.happened'), bundleOf(stack.tenantId, 'thing.happened', events));
      const dead = await getDeadLetter(stack.tenantId, 'probe');
      const reason = String(dead.properties.headers?.[DEAD_REASON_HEADER]);
      expect(reason).toMatch(/^invalid_data: .*name/);
      expect(reason).not.toContain('example.com');
      expect(eventsOf(dead).map((event) => event.id)).toEqual(['bad-1']);
      await waitFor('the valid events', async () => stack.handlers.seen.length === 2);
      expect(stack.handlers.seen.map((seen) => seen.name).sort()).toEqual(['also-fine', 'fine']);
    });

    it('dead-letters a malformed bundle whole, with a reason that names the event and property', async () => {
      const stack = await startStack();
      const routingKey = tenantRoutingKey(stack.tenantId, 'thing.happened');
      const content = bundleOf(stack.tenantId, 'thing.happened', [{ id: 'ok', data: { name: 'x' } }, { id: '', data: { name: 'y' } }]);
      channel.publish(stack.eventsExchange, routingKey, content);
      const dead = await getDeadLetter(stack.tenantId, 'probe');
      expect(dead.properties.headers?.[DEAD_REASON_HEADER]).toBe('invalid_bundle: events[1].id (isNotEmpty)');
      expect(dead.content.equals(content)).toBe(true);
      expect(stack.handlers.seen).toHaveLength(0);
    });

    it('decodes no more events than the prefetch at once: a bundle past it waits until the events ahead are settled', async () => {
      const stack = await startStack();
      stack.handlers.slowMs = 100;
      // The prefetch is 20: the first bundle's 30 events are handled together, the second's only after them.
      await stack.publisher.publishBundle('thing.happened', names(30, 'first').map((name) => ({ data: { name } })));
      await stack.publisher.publishBundle('thing.happened', names(30, 'second').map((name) => ({ data: { name } })));
      await waitFor('both bundles handled', async () => stack.handlers.seen.length === 60);
      expect(stack.handlers.thingMostAtOnce).toBe(30);
      const order = stack.handlers.seen.map((seen) => seen.name);
      expect(order.findIndex((name) => name.startsWith('second'))).toBe(30);
    });

    it('handles at most maxConcurrent micro-batches at once, however many a prefetch of bundles brings', async () => {
      const stack = await startStack();
      const sent = names(40);
      await stack.publisher.publishBundle('thing.laned', sent.map((name) => ({ data: { name } })));
      await waitFor('every laned event', async () => stack.handlers.lanedNames.length === 40);
      expect(stack.handlers.lanedMostAtOnce).toBe(2);
      expect([...stack.handlers.lanedNames].sort()).toEqual([...sent].sort());
    });
  });

  it('closes a micro-batch early once its events reach maxBytes, whatever maxSize allows', async () => {
    const stack = await startStack();
    // About 1.1 KB per message: the 3,000-byte bound closes a batch at its third event.
    const big = Array.from({ length: 7 }, (_, index) => `${'x'.repeat(1_000)}${index}`);
    await Promise.all(big.map((name) => stack.publisher.publish('thing.sized', { name })));
    await waitFor('every sized event', async () => stack.handlers.sizedBatches.reduce((sum, size) => sum + size, 0) === 7);
    expect(stack.handlers.sizedBatches).toEqual([3, 3, 1]);
    // A bundle of 20 small events (about 2 KB in all) stays one batch, closed by its wait.
    await stack.publisher.publishBundle('thing.sized', Array.from({ length: 20 }, (_, index) => ({ data: { name: `s${index}` } })));
    await waitFor('every small event', async () => stack.handlers.sizedBatches.reduce((sum, size) => sum + size, 0) === 27);
    expect(stack.handlers.sizedBatches.slice(3)).toEqual([20]);
  });

  it('acknowledges and ignores event types nobody handles', async () => {
    const stack = await startStack();
    const main = consumerQueueNames(stack.tenantId, 'probe').main;
    channel.sendToQueue(main, Buffer.from(JSON.stringify({ id: 'u1', type: 'unknown.kind', tenant_id: stack.tenantId, occurred_at: new Date().toISOString(), data: {} })));
    await stack.publisher.publish('thing.happened', { name: 'known' });
    await waitFor('the known event', async () => stack.handlers.seen.length === 1);
    await waitFor('an empty queue', async () => (await channel.checkQueue(main)).messageCount === 0);
    expect((await channel.checkQueue(consumerQueueNames(stack.tenantId, 'probe').dead)).messageCount).toBe(0);
  });

  it('re-attaches consumers after the connection is cut', async () => {
    const proxy = await new TcpFaultProxy('127.0.0.1', BROKER_PORT).start();
    cleanups.push(() => proxy.stop());
    const stack = await startStack({ url: `amqp://guest:guest@127.0.0.1:${proxy.port}` });
    await stack.publisher.publish('thing.happened', { name: 'before-cut' });
    await waitFor('the first event', async () => stack.handlers.seen.length === 1);

    proxy.cutAll();
    await stack.publisher.publish('thing.happened', { name: 'after-cut' });
    await waitFor('the event after reconnecting', async () => stack.handlers.seen.some((seen) => seen.name === 'after-cut'), 20_000);
  }, 30_000);

  it('finishes in-flight work on shutdown before closing, so nothing is redelivered', async () => {
    const stack = await startStack();
    stack.handlers.slowMs = 400;
    await stack.publisher.publish('thing.happened', { name: 'in-flight' });
    const main = consumerQueueNames(stack.tenantId, 'probe').main;
    await waitFor('delivery to start', async () => (await channel.checkQueue(main)).messageCount === 0);
    await stack.close();
    expect(stack.handlers.seen.map((seen) => seen.name)).toEqual(['in-flight']);
    expect((await channel.checkQueue(main)).messageCount).toBe(0);
  });
});
