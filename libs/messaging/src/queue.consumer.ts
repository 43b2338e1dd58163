import { Logger } from '@nestjs/common';
import type { AmqpConnectionManager, ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { Counter } from 'prom-client';
import { Outcome, type Delivery, type DeliveryOutcome } from './delivery';
import { DeliveryGroup } from './delivery-group';
import { decodeMessage, validateEventData } from './event-validation';
import type { RegisteredHandler } from './handler-registry';
import { retryDelayMs, type RetryPolicy } from './messaging.options';
import { OutstandingDeliveries } from './outstanding-deliveries';
import { planSettlement } from './settlement-plan';
import { declareTenantTopology, type TenantTopology } from './topology.declarer';
import { consumerQueueNames, deadLetterExchangeName, type ConsumerQueueNames } from './topology.names';

export const ATTEMPT_HEADER = 'x-sentinel-attempt';
export const DEAD_REASON_HEADER = 'x-sentinel-dead-reason';

/** An event of a message, waiting in a micro-batch for its batch handler. */
interface BatchedDelivery {
  group: DeliveryGroup;
  index: number;
  delivery: Delivery<object>;
  /** The event's share of its message's bytes. */
  bytes: number;
}

interface PendingBatch {
  deliveries: BatchedDelivery[];
  bytes: number;
  timer?: NodeJS.Timeout;
}

/** The batches of one event type being handled, and those waiting for a free slot. */
interface BatchLane {
  running: number;
  waiting: PendingBatch[];
}

export interface QueueConsumerSettings {
  connection: AmqpConnectionManager;
  topology: TenantTopology;
  consumerName: string;
  prefetch: number;
  retry: RetryPolicy;
  handlers: RegisteredHandler[];
  deliveries: Counter<'queue' | 'outcome'>;
}

/**
 * Consumes one of the stack's queues: validates each event (a message holds one, or a bundle's),
 * runs its handler (alone or in micro-batches), and settles each message once all its events have an
 * outcome: ack, delayed retry through the retry queue, or dead-letter with a reason, by copies that
 * hold just the events concerned. The copies are confirmed by the broker before the original is
 * acked, so an event is never lost between the two.
 */
export class QueueConsumer {
  private readonly logger: Logger;
  private readonly names: ConsumerQueueNames;
  private readonly handlers = new Map<string, RegisteredHandler>();
  private readonly batches = new Map<string, PendingBatch>();
  private readonly lanes = new Map<string, BatchLane>();
  private channel?: ChannelWrapper;
  /** Bumped on every new channel: a delivery tag from an older channel must not be acked on the new one. */
  private generation = 0;
  private outstanding = new OutstandingDeliveries();
  /** Settled messages of this channel whose ack goes out with the others of the same turn. */
  private pendingAcks: ConsumeMessage[] = [];
  /** Their events by outcome, counted with them. */
  private readonly pendingCounts = new Map<string, number>();
  private flushScheduled = false;
  /** Messages received and not yet settled (see `waitIdle`). */
  private inFlight = 0;
  /** Events decoded and handed to handlers, not yet resolved: bounded by the prefetch setting. */
  private eventsInFlight = 0;
  /** Messages received while `eventsInFlight` was at its bound, decoded as events resolve. */
  private undecoded: Array<{ message: ConsumeMessage; generation: number }> = [];
  private stopping = false;
  private decoding = false;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly settings: QueueConsumerSettings) {
    this.names = consumerQueueNames(settings.topology.tenantId, settings.consumerName);
    this.logger = new Logger(`QueueConsumer:${settings.consumerName}`);
    for (const handler of settings.handlers) this.handlers.set(handler.type, handler);
  }

  get queueNames(): ConsumerQueueNames {
    return this.names;
  }

  async start(): Promise<void> {
    this.stopping = false;
    const consumerTopology = this.settings.topology.consumers.find((c) => c.name === this.settings.consumerName);
    this.channel = this.settings.connection.createChannel({
      name: `consumer:${this.settings.consumerName}`,
      confirm: true,
      publishTimeout: 10_000,
      setup: async (channel: ConfirmChannel) => {
        this.generation += 1;
        this.outstanding = new OutstandingDeliveries();
        this.pendingAcks = [];
        // Their tags belong to the closed channel: the broker delivers them again.
        this.undecoded = [];
        await declareTenantTopology(channel, {
          ...this.settings.topology,
          consumers: consumerTopology ? [consumerTopology] : [],
        });
        // Here, awaited, rather than as a consume option: amqp-connection-manager sends that basic.qos
        // without awaiting it, and a channel closed before its reply (a stop during setup) left an
        // unhandled rejection ("Channel ended, no reply will be forthcoming") that ends the process.
        await channel.prefetch(this.settings.prefetch);
      },
    });
    this.channel.on('error', (error: Error) => this.logger.warn({ queue: this.settings.consumerName, error: errorReason(error) }, 'channel setup failed; retrying on reconnect'));
    await this.channel.consume(this.names.main, (message) => this.onMessage(message), { noAck: false });
  }

  /** Resolves once the channel is open, the topology declared and the consumer attached. */
  async ready(): Promise<void> {
    await this.channel?.waitForConnect();
  }

  /** Stops taking new deliveries, then waits (bounded) for in-flight handlers to settle. */
  async stop(graceMs: number): Promise<void> {
    if (!this.channel) return;
    this.stopping = true;
    await this.channel.cancelAll().catch(() => undefined);
    // Not started: left unacked, the broker delivers them again once the channel closes.
    this.undecoded = [];
    for (const [type, batch] of this.batches) this.closeBatch(type, batch);
    await this.waitIdle(graceMs);
    this.flushSettled();
    await this.channel.close();
    this.channel = undefined;
  }

  /**
   * The channel prefetch bounds messages, and a bundle carries up to a hundred events: the prefetch
   * setting also bounds the events being handled, and a message beyond it waits undecoded (its
   * bytes only, not the objects decoding builds) until events ahead of it are resolved.
   */
  private onMessage(message: ConsumeMessage): void {
    this.outstanding.received(message.fields.deliveryTag);
    if (this.eventsInFlight >= this.settings.prefetch || this.undecoded.length > 0) {
      this.undecoded.push({ message, generation: this.generation });
      return;
    }
    this.dispatch(message, this.generation);
  }

  private dispatch(message: ConsumeMessage, generation: number): void {
    const attempt = Number(message.properties.headers?.[ATTEMPT_HEADER] ?? 1) || 1;
    const decoded = decodeMessage(message.content, this.settings.topology.tenantId);
    if (!decoded.ok) {
      const whole = this.track(new DeliveryGroup(message, generation, attempt, 1));
      return this.resolve(whole, 0, Outcome.dead(decoded.reason));
    }

    const handler = this.handlers.get(decoded.type);
    if (!handler) {
      this.settled(message, generation, new Map([['ignored', decoded.envelopes.length]]));
      return;
    }
    const group = this.track(new DeliveryGroup(message, generation, attempt, decoded.envelopes.length, decoded.bundled));
    const bytes = message.content.length / decoded.envelopes.length;
    decoded.envelopes.forEach((envelope, index) => {
      const validated = handler.schema ? validateEventData(envelope, handler.schema) : { ok: true as const, envelope };
      if (!validated.ok) return this.resolve(group, index, Outcome.dead(validated.reason));
      const delivery: Delivery<object> = { envelope: validated.envelope, attempt, finalAttempt: attempt >= this.settings.retry.maxAttempts };
      if (handler.kind === 'batch') this.enqueueBatch(handler, { group, index, delivery, bytes });
      else void this.handleAlone(handler, group, index, delivery);
    });
  }

  private async handleAlone(
    handler: Extract<RegisteredHandler, { kind: 'single' }>,
    group: DeliveryGroup,
    index: number,
    delivery: Delivery<object>,
  ): Promise<void> {
    let outcome: DeliveryOutcome;
    try {
      outcome = (await handler.handle(delivery.envelope, delivery)) ?? Outcome.ack();
    } catch (error) {
      outcome = Outcome.retry(errorReason(error));
    }
    this.resolve(group, index, outcome);
  }

  private enqueueBatch(handler: Extract<RegisteredHandler, { kind: 'batch' }>, item: BatchedDelivery): void {
    const batch = this.batches.get(handler.type) ?? { deliveries: [], bytes: 0 };
    this.batches.set(handler.type, batch);
    batch.deliveries.push(item);
    batch.bytes += item.bytes;
    if (batch.deliveries.length >= handler.maxSize || batch.bytes >= handler.maxBytes) this.closeBatch(handler.type, batch);
    else batch.timer ??= setTimeout(() => this.closeBatch(handler.type, batch), handler.maxWaitMs);
  }

  /** A batch is full, or waited long enough: handle it now, or after the batches ahead of it. */
  private closeBatch(type: string, batch: PendingBatch): void {
    if (this.batches.get(type) === batch) this.batches.delete(type);
    if (batch.timer) clearTimeout(batch.timer);
    const handler = this.handlers.get(type);
    if (batch.deliveries.length === 0 || handler?.kind !== 'batch') return;
    const lane = this.lanes.get(type) ?? { running: 0, waiting: [] };
    this.lanes.set(type, lane);
    if (lane.running >= handler.maxConcurrent) {
      lane.waiting.push(batch);
      return;
    }
    lane.running += 1;
    void this.runBatches(handler, lane, batch);
  }

  /** Handles `batch`, then the batches that waited for a free slot, one after the other. */
  private async runBatches(handler: Extract<RegisteredHandler, { kind: 'batch' }>, lane: BatchLane, first: PendingBatch): Promise<void> {
    for (let batch: PendingBatch | undefined = first; batch; batch = lane.waiting.shift()) {
      const items = batch.deliveries;
      let outcomes: DeliveryOutcome[];
      try {
        outcomes = await handler.handle(items.map((item) => item.delivery));
        if (outcomes.length !== items.length) throw new Error('batch handler returned a wrong number of outcomes');
      } catch (error) {
        outcomes = items.map(() => Outcome.retry(errorReason(error)));
      }
      items.forEach((item, position) => this.resolve(item.group, item.index, outcomes[position] ?? Outcome.retry('no_outcome')));
    }
    lane.running -= 1;
  }

  /** Records one event's outcome and settles its message once that was the last one missing. */
  private resolve(group: DeliveryGroup, index: number, outcome: DeliveryOutcome): void {
    if (!group.resolve(index, outcome)) return;
    this.eventsInFlight -= group.size;
    void this.settle(group);
    this.decodeWaiting();
  }

  /** Decodes waiting messages while there is room; a message settled at once (malformed) makes room again in the same loop, not in a nested one. */
  private decodeWaiting(): void {
    if (this.decoding) return;
    this.decoding = true;
    try {
      while (!this.stopping && this.undecoded.length > 0 && this.eventsInFlight < this.settings.prefetch) {
        const next = this.undecoded.shift() as { message: ConsumeMessage; generation: number };
        this.dispatch(next.message, next.generation);
      }
    } finally {
      this.decoding = false;
    }
  }

  /**
   * Settles a message whose events all have an outcome: publishes (with a confirm) the retry copy
   * and the dead-letter copies its events need, then counts and acks it. An unconfirmed copy leaves
   * the message unacked, to be redelivered whole (handlers are idempotent by event id).
   */
  private async settle(group: DeliveryGroup): Promise<void> {
    const queue = this.settings.consumerName;
    try {
      const plan = planSettlement(group.settledOutcomes(), group.attempt, this.settings.retry.maxAttempts);
      if (plan.retry.length > 0 || plan.dead.size > 0) {
        try {
          await Promise.all([
            ...(plan.retry.length > 0
              ? [this.publishCopy(group, plan.retry, '', this.names.retry, { [ATTEMPT_HEADER]: group.attempt + 1 }, String(retryDelayMs(this.settings.retry, group.attempt)))]
              : []),
            ...[...plan.dead].map(([reason, indexes]) =>
              this.publishCopy(group, indexes, deadLetterExchangeName(this.settings.topology.tenantId), this.names.main, {
                [DEAD_REASON_HEADER]: reason,
                [ATTEMPT_HEADER]: group.attempt,
              }),
            ),
          ]);
        } catch (error) {
          this.logger.error({ queue, error: errorReason(error) }, 'could not settle delivery; it will be redelivered');
          return;
        }
        for (const [reason, indexes] of plan.dead) this.logger.warn({ queue, reason, events: indexes.length }, 'event dead-lettered');
      }
      this.settled(group.message, group.generation, plan.counts);
    } finally {
      this.release();
    }
  }

  private async publishCopy(
    group: DeliveryGroup,
    indexes: readonly number[],
    exchange: string,
    routingKey: string,
    headers: Record<string, unknown>,
    expiration?: string,
  ): Promise<void> {
    const properties = group.message.properties;
    if (!this.channel) throw new Error('consumer channel is closed');
    await this.channel.publish(exchange, routingKey, group.contentOf(indexes), {
      persistent: true,
      contentType: properties.contentType,
      messageId: properties.messageId,
      type: properties.type,
      appId: properties.appId,
      headers: { ...properties.headers, ...headers },
      expiration,
    });
  }

  /**
   * Queues a settled message's ack and its events' outcome counts; they go out once the current
   * turn of the event loop is over, so a micro-batch, or a run of single deliveries settled together,
   * costs one ack frame and one counter increment per outcome instead of one each.
   */
  private settled(message: ConsumeMessage, generation: number, counts: ReadonlyMap<string, number>): void {
    for (const [outcome, count] of counts) this.pendingCounts.set(outcome, (this.pendingCounts.get(outcome) ?? 0) + count);
    if (generation === this.generation) this.pendingAcks.push(message);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flushSettled());
  }

  /** The counts, then one `multiple` ack for what has nothing unacked below it and single acks for the rest. */
  private flushSettled(): void {
    this.flushScheduled = false;
    for (const [outcome, count] of this.pendingCounts) this.settings.deliveries.inc({ queue: this.settings.consumerName, outcome }, count);
    this.pendingCounts.clear();
    const messages = this.pendingAcks.splice(0);
    const channel = this.channel;
    if (!channel || messages.length === 0) return;
    const byTag = new Map(messages.map((message) => [message.fields.deliveryTag, message]));
    const plan = this.outstanding.ack([...byTag.keys()]);
    if (plan.upTo !== undefined) channel.ack(byTag.get(plan.upTo) as ConsumeMessage, true);
    for (const tag of plan.single) channel.ack(byTag.get(tag) as ConsumeMessage);
  }

  /** Counts a message as in flight until it is settled (see `waitIdle`), and its events until they are resolved. */
  private track(group: DeliveryGroup): DeliveryGroup {
    this.inFlight += 1;
    this.eventsInFlight += group.size;
    return group;
  }

  private release(): void {
    this.inFlight -= 1;
    if (this.inFlight === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private waitIdle(timeoutMs: number): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/** A reason safe to log and to store in a header: the error's class and code, not its message. */
function errorReason(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' || typeof code === 'number' ? `${error.name}:${code}` : error.name;
  }
  return 'unknown_error';
}
