import { connect, type ChannelModel, type ConsumeMessage } from 'amqplib';
import { TEST_RABBITMQ_URL, uniqueTestName } from '@sentinel/testing';

/** A unique exchange name per test, so parallel runs never hear each other. */
export function uniqueExchangeName(): string {
  return `test.${uniqueTestName('x')}.identity.events`;
}

/**
 * A server-named exclusive queue bound like a tenant's Sentinel binds (`tenant.<id>.#`),
 * collecting what arrives.
 */
export class EventTap {
  private readonly received: ConsumeMessage[] = [];
  private waiters: (() => void)[] = [];

  private constructor(
    private readonly model: ChannelModel,
    private readonly exchange: string,
  ) {}

  static async open(exchange: string, bindingKeys: string[]): Promise<EventTap> {
    const model = await connect(TEST_RABBITMQ_URL);
    const tap = new EventTap(model, exchange);
    const channel = await model.createChannel();
    // Fails with PRECONDITION_FAILED unless the service declared it a durable topic exchange too.
    await channel.assertExchange(exchange, 'topic', { durable: true });
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
    for (const key of bindingKeys) await channel.bindQueue(queue, exchange, key);
    await channel.consume(queue, (message) => message && tap.push(message), { noAck: true });
    return tap;
  }

  /** Waits until `count` messages arrived (or fails after `timeoutMs`), then returns all so far. */
  async waitFor(count: number, timeoutMs = 3000): Promise<ConsumeMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} messages, got ${this.received.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return [...this.received];
  }

  /** Gives stray messages time to arrive, then returns everything received. */
  async settle(ms = 300): Promise<ConsumeMessage[]> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return [...this.received];
  }

  async close(): Promise<void> {
    await this.model.close();
  }

  /** Closes and deletes the exchange, for the tap that owns the test's exchange. */
  async dispose(): Promise<void> {
    const channel = await this.model.createChannel();
    await channel.deleteExchange(this.exchange);
    await this.close();
  }

  private push(message: ConsumeMessage): void {
    this.received.push(message);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
