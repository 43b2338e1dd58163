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

  @ConsumeEvent({ queue: 'probe', type: 'thing.happened', schema: ThingHappened })
  async onThing(envelope: EventEnvelope<ThingHappened>, info: DeliveryInfo): Promise<void> {
    if (this.slowMs > 0) await new Promise((resolve) => setTimeout(resolve, this.slowMs));
    if (this.failuresBeforeSuccess > 0) {
      this.failuresBeforeSuccess -= 1;
      throw new Error('transient');
    }
    this.seen.push({ name: envelope.data.name, attempt: info.attempt });
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

  async function startStack(options: { url?: string; maxAttempts?: number } = {}) {
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
    await app.get(ConsumerHost).ready();
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
