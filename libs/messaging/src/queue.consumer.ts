import { Logger } from '@nestjs/common';
import type { AmqpConnectionManager, ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { Counter } from 'prom-client';
import { Outcome, type Delivery, type DeliveryOutcome } from './delivery';
import { decodeEnvelope, validateEventData } from './event-validation';
import type { RegisteredHandler } from './handler-registry';
import { retryDelayMs, type RetryPolicy } from './messaging.options';
import { OutstandingDeliveries } from './outstanding-deliveries';
import { declareTenantTopology, type TenantTopology } from './topology.declarer';
import { consumerQueueNames, deadLetterExchangeName, type ConsumerQueueNames } from './topology.names';

export const ATTEMPT_HEADER = 'x-sentinel-attempt';
export const DEAD_REASON_HEADER = 'x-sentinel-dead-reason';

/** How a delivery was settled, as `messaging_deliveries_total` counts it. */
type SettledAs = 'acked' | 'retried' | 'dead_lettered';

interface PendingBatch {
  deliveries: Array<{ message: ConsumeMessage; generation: number; delivery: Delivery<object> }>;
  timer?: NodeJS.Timeout;
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
 * Consumes one of the stack's queues: validates each event, runs its handler (alone or in
 * micro-batches), and settles it: ack, delayed retry through the retry queue, or dead-letter with
 * a reason. Retries and dead letters are confirmed by the broker before the original is acked,
 * so a message is never lost between the two.
 */
export class QueueConsumer {
  private readonly logger: Logger;
  private readonly names: ConsumerQueueNames;
  private readonly handlers = new Map<string, RegisteredHandler>();
  private readonly batches = new Map<string, PendingBatch>();
  private channel?: ChannelWrapper;
  /** Bumped on every new channel: a delivery tag from an older channel must not be acked on the new one. */
  private generation = 0;
  private outstanding = new OutstandingDeliveries();
  /** Settled deliveries of this channel whose ack goes out with the others of the same turn. */
  private pendingAcks: ConsumeMessage[] = [];
  private acksScheduled = false;
  private inFlight = 0;
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
    const consumerTopology = this.settings.topology.consumers.find((c) => c.name === this.settings.consumerName);
    this.channel = this.settings.connection.createChannel({
      name: `consumer:${this.settings.consumerName}`,
      confirm: true,
      publishTimeout: 10_000,
      setup: async (channel: ConfirmChannel) => {
        this.generation += 1;
        this.outstanding = new OutstandingDeliveries();
        this.pendingAcks = [];
        await declareTenantTopology(channel, {
          ...this.settings.topology,
          consumers: consumerTopology ? [consumerTopology] : [],
        });
      },
    });
    this.channel.on('error', (error: Error) => this.logger.warn({ queue: this.settings.consumerName, error: errorReason(error) }, 'channel setup failed; retrying on reconnect'));
    await this.channel.consume(this.names.main, (message) => this.onMessage(message), {
      prefetch: this.settings.prefetch,
      noAck: false,
    });
  }

  /** Resolves once the channel is open, the topology declared and the consumer attached. */
  async ready(): Promise<void> {
    await this.channel?.waitForConnect();
  }

  /** Stops taking new deliveries, then waits (bounded) for in-flight handlers to settle. */
  async stop(graceMs: number): Promise<void> {
    if (!this.channel) return;
    await this.channel.cancelAll().catch(() => undefined);
    for (const [type, batch] of this.batches) void this.flushBatch(type, batch);
    await this.waitIdle(graceMs);
    this.flushAcks();
    await this.channel.close();
    this.channel = undefined;
  }

  private async onMessage(message: ConsumeMessage): Promise<void> {
    const generation = this.generation;
    this.outstanding.received(message.fields.deliveryTag);
    const attempt = Number(message.properties.headers?.[ATTEMPT_HEADER] ?? 1) || 1;
    const decoded = decodeEnvelope(message.content, this.settings.topology.tenantId);
    if (!decoded.ok) return this.tracked(() => this.settleOne(message, generation, attempt, { kind: 'dead', reason: decoded.reason }));

    const handler = this.handlers.get(decoded.envelope.type);
    if (!handler) {
      this.ack([message], generation);
      this.settings.deliveries.inc({ queue: this.settings.consumerName, outcome: 'ignored' });
      return;
    }
    const validated = handler.schema ? validateEventData(decoded.envelope, handler.schema) : decoded;
    if (!validated.ok) return this.tracked(() => this.settleOne(message, generation, attempt, { kind: 'dead', reason: validated.reason }));

    const delivery: Delivery<object> = {
      envelope: validated.envelope,
      attempt,
      finalAttempt: attempt >= this.settings.retry.maxAttempts,
    };
    if (handler.kind === 'batch') return this.enqueueBatch(handler, { message, generation, delivery });

    return this.tracked(async () => {
      let outcome: DeliveryOutcome;
      try {
        outcome = (await handler.handle(delivery.envelope, delivery)) ?? { kind: 'ack' };
      } catch (error) {
        outcome = { kind: 'retry', reason: errorReason(error) };
      }
      await this.settleOne(message, generation, attempt, outcome);
    });
  }

  private enqueueBatch(
    handler: Extract<RegisteredHandler, { kind: 'batch' }>,
    item: PendingBatch['deliveries'][number],
  ): void {
    const batch = this.batches.get(handler.type) ?? { deliveries: [] };
    this.batches.set(handler.type, batch);
    batch.deliveries.push(item);
    this.inFlight += 1;
    if (batch.deliveries.length >= handler.maxSize) void this.flushBatch(handler.type, batch);
    else batch.timer ??= setTimeout(() => void this.flushBatch(handler.type, batch), handler.maxWaitMs);
  }

  private async flushBatch(type: string, batch: PendingBatch): Promise<void> {
    if (this.batches.get(type) === batch) this.batches.delete(type);
    if (batch.timer) clearTimeout(batch.timer);
    const handler = this.handlers.get(type);
    const items = batch.deliveries.splice(0);
    if (items.length === 0 || handler?.kind !== 'batch') return;
    let outcomes: DeliveryOutcome[];
    try {
      outcomes = await handler.handle(items.map((item) => item.delivery));
      if (outcomes.length !== items.length) throw new Error('batch handler returned a wrong number of outcomes');
    } catch (error) {
      outcomes = items.map(() => ({ kind: 'retry', reason: errorReason(error) }));
    }
    const settled = await Promise.all(
      items.map((item, index) => this.settle(item.message, item.delivery.attempt, outcomes[index] ?? Outcome.retry('no_outcome'))),
    );
    const counts = new Map<SettledAs, number>();
    for (const as of settled) if (as) counts.set(as, (counts.get(as) ?? 0) + 1);
    for (const [outcome, count] of counts) this.settings.deliveries.inc({ queue: this.settings.consumerName, outcome }, count);
    // A batch taken across a reconnect holds tags of an older channel; ack() skips those.
    for (const generation of new Set(items.map((item) => item.generation))) {
      this.ack(items.filter((item, index) => settled[index] && item.generation === generation).map((item) => item.message), generation);
    }
    for (let released = 0; released < items.length; released += 1) this.release();
  }

  private async settleOne(message: ConsumeMessage, generation: number, attempt: number, outcome: DeliveryOutcome): Promise<void> {
    const settled = await this.settle(message, attempt, outcome);
    if (!settled) return;
    this.settings.deliveries.inc({ queue: this.settings.consumerName, outcome: settled });
    this.ack([message], generation);
  }

  /**
   * Carries out the outcome (publishing the retry or dead-letter copy with a confirm) and tells how
   * the delivery was settled, so it may now be acked and counted. An unconfirmed copy leaves it
   * unacked, to be redelivered (`undefined`).
   */
  private async settle(message: ConsumeMessage, attempt: number, outcome: DeliveryOutcome): Promise<SettledAs | undefined> {
    const queue = this.settings.consumerName;
    try {
      if (outcome.kind === 'retry' && attempt < this.settings.retry.maxAttempts) {
        await this.publishCopy(message, '', this.names.retry, {
          [ATTEMPT_HEADER]: attempt + 1,
        }, String(retryDelayMs(this.settings.retry, attempt)));
        return 'retried';
      }
      if (outcome.kind !== 'ack') {
        const reason = outcome.kind === 'retry' ? `retries_exhausted: ${outcome.reason}` : outcome.reason;
        await this.publishCopy(message, deadLetterExchangeName(this.settings.topology.tenantId), this.names.main, {
          [DEAD_REASON_HEADER]: reason,
          [ATTEMPT_HEADER]: attempt,
        });
        this.logger.warn({ queue, reason }, 'event dead-lettered');
        return 'dead_lettered';
      }
      return 'acked';
    } catch (error) {
      // The broker did not confirm the copy: leave the original unacked so it is redelivered.
      this.logger.error({ queue, error: errorReason(error) }, 'could not settle delivery; it will be redelivered');
      return undefined;
    }
  }

  private async publishCopy(
    message: ConsumeMessage,
    exchange: string,
    routingKey: string,
    headers: Record<string, unknown>,
    expiration?: string,
  ): Promise<void> {
    const properties = message.properties;
    if (!this.channel) throw new Error('consumer channel is closed');
    await this.channel.publish(exchange, routingKey, message.content, {
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
   * Queues the acks of settled deliveries of this channel; they go out together once the current
   * turn of the event loop is over, so a micro-batch, or a run of single deliveries settled together,
   * costs one frame instead of one each.
   */
  private ack(messages: readonly ConsumeMessage[], generation: number): void {
    if (generation !== this.generation || messages.length === 0) return;
    this.pendingAcks.push(...messages);
    if (this.acksScheduled) return;
    this.acksScheduled = true;
    setImmediate(() => this.flushAcks());
  }

  /** One `multiple` ack for what has nothing unacked below it, single acks for the rest. */
  private flushAcks(): void {
    this.acksScheduled = false;
    const messages = this.pendingAcks.splice(0);
    const channel = this.channel;
    if (!channel || messages.length === 0) return;
    const byTag = new Map(messages.map((message) => [message.fields.deliveryTag, message]));
    const plan = this.outstanding.ack([...byTag.keys()]);
    if (plan.upTo !== undefined) channel.ack(byTag.get(plan.upTo) as ConsumeMessage, true);
    for (const tag of plan.single) channel.ack(byTag.get(tag) as ConsumeMessage);
  }

  private async tracked(work: () => Promise<void>): Promise<void> {
    this.inFlight += 1;
    try {
      await work();
    } finally {
      this.release();
    }
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
