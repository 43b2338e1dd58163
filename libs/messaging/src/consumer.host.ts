import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { METRICS_REGISTRY } from '@sentinel/observability';
import type { AmqpConnectionManager } from 'amqp-connection-manager';
import { Counter, type Registry } from 'prom-client';
import { AMQP_CONNECTION } from './amqp.connection';
import { CONSUME_EVENT_METADATA, type ConsumeEventOptions } from './consume-event.decorator';
import type { RegisteredHandler } from './handler-registry';
import { DEFAULT_RETRY_POLICY, MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { QueueConsumer } from './queue.consumer';
import type { TenantTopology } from './topology.declarer';

const DEFAULT_DELIVERY_LIMIT = 20;
const DEFAULT_CONCURRENT_BATCHES = 4;

/**
 * Finds every `@ConsumeEvent` handler in the application, declares the tenant's topology for
 * their queues and starts one consumer per queue. On shutdown it stops consuming first, lets
 * in-flight work finish, and only then lets the connections close.
 */
@Injectable()
export class ConsumerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly consumers: QueueConsumer[] = [];
  private readonly deliveries: Counter<'queue' | 'outcome'>;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    @Inject(AMQP_CONNECTION) private readonly connection: AmqpConnectionManager,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.deliveries = new Counter({
      name: 'messaging_deliveries_total',
      help: 'Consumed deliveries by queue and outcome (acked, retried, dead_lettered, ignored)',
      labelNames: ['queue', 'outcome'],
      registers: [registry],
    });
  }

  /** The consumers started, by consumer name (for tests and health reporting). */
  consumer(name: string): QueueConsumer | undefined {
    return this.consumers.find((consumer) => consumer.queueNames.main.endsWith(`.${name}`));
  }

  /**
   * Resolves when every consumer is attached. Boot does not wait for it: a service starts (and
   * reports not-ready) while the broker is unreachable, and attaches when it comes back.
   */
  async ready(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.ready()));
  }

  async onApplicationBootstrap(): Promise<void> {
    const handlersByQueue = this.discoverHandlers();
    const topology = this.topologyFor(handlersByQueue);
    for (const [queue, handlers] of handlersByQueue) {
      const spec = this.options.consumers?.find((consumer) => consumer.name === queue);
      const consumer = new QueueConsumer({
        connection: this.connection,
        topology,
        consumerName: queue,
        prefetch: this.options.prefetch,
        retry: { ...DEFAULT_RETRY_POLICY, ...spec?.retry },
        handlers,
        deliveries: this.deliveries,
      });
      await consumer.start();
      this.consumers.push(consumer);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    const grace = this.options.shutdownGraceMs ?? 10_000;
    await Promise.all(this.consumers.map((consumer) => consumer.stop(grace)));
  }

  private topologyFor(handlersByQueue: Map<string, RegisteredHandler[]>): TenantTopology {
    return {
      tenantId: this.options.tenantId,
      eventsExchange: this.options.eventsExchange,
      consumers: [...handlersByQueue].map(([name, handlers]) => {
        const spec = this.options.consumers?.find((consumer) => consumer.name === name);
        const extraBindings = spec?.extraBindings ?? [];
        return {
          name,
          // Types arriving through an extra binding (e.g. identity events) are not our own events.
          eventTypes: extraBindings.length > 0 ? [] : handlers.map((handler) => handler.type),
          extraBindings,
          deliveryLimit: spec?.deliveryLimit ?? DEFAULT_DELIVERY_LIMIT,
        };
      }),
    };
  }

  private discoverHandlers(): Map<string, RegisteredHandler[]> {
    const byQueue = new Map<string, RegisteredHandler[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const options = Reflect.getMetadata(CONSUME_EVENT_METADATA, (prototype as Record<string, unknown>)[method] as object) as
          | ConsumeEventOptions
          | undefined;
        if (!options) continue;
        const handle = (instance[method] as (...args: unknown[]) => Promise<never>).bind(instance);
        const handler: RegisteredHandler = options.batch
          ? { kind: 'batch', type: options.type, schema: options.schema, maxConcurrent: DEFAULT_CONCURRENT_BATCHES, maxBytes: Infinity, ...options.batch, handle }
          : { kind: 'single', type: options.type, schema: options.schema, handle };
        const handlers = byQueue.get(options.queue) ?? [];
        if (handlers.some((existing) => existing.type === options.type)) {
          throw new Error(`Two handlers for event ${options.type} on queue ${options.queue}`);
        }
        handlers.push(handler);
        byQueue.set(options.queue, handlers);
      }
    }
    return byQueue;
  }
}
