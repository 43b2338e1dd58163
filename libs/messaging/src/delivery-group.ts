import type { ConsumeMessage } from 'amqplib';
import type { DeliveryOutcome } from './delivery';
import type { EventBundle } from './event-envelope';

/**
 * The events of one AMQP message (its one event, or a bundle's), settled together: the message is
 * acked once every event has an outcome and the copies its retried or dead-lettered events need
 * are confirmed. A bundle's events may be handled in different micro-batches.
 */
export class DeliveryGroup {
  private readonly outcomes: Array<DeliveryOutcome | undefined>;
  private pending: number;

  constructor(
    readonly message: ConsumeMessage,
    /** The consumer channel's generation the message was delivered on. */
    readonly generation: number,
    readonly attempt: number,
    readonly size: number,
    /**
     * Whether the message is a bundle. The parsed bundle itself is not kept: held until the group
     * settles, every event's parsed objects would outlive the handler's copy of them, and each
     * young-generation collection in between would copy them again. A partial copy parses the
     * message body anew instead, which only a retried or dead-lettered part of a bundle needs.
     */
    private readonly bundled = false,
  ) {
    this.outcomes = new Array<DeliveryOutcome | undefined>(size).fill(undefined);
    this.pending = size;
  }

  /** Records event `index`'s outcome (the first one given stands); true once every event has one. */
  resolve(index: number, outcome: DeliveryOutcome): boolean {
    if (this.outcomes[index] !== undefined) return false;
    this.outcomes[index] = outcome;
    this.pending -= 1;
    return this.pending === 0;
  }

  settledOutcomes(): DeliveryOutcome[] {
    if (this.pending > 0) throw new Error('delivery group settled before every event had an outcome');
    return this.outcomes as DeliveryOutcome[];
  }

  /** The body of a copy carrying the events at `indexes`: the message itself when that is all of it, else a bundle of just those. */
  contentOf(indexes: readonly number[]): Buffer {
    if (!this.bundled || indexes.length === this.size) return this.message.content;
    // The body decoded as a bundle when the message arrived, so it parses as one again.
    const { events, ...header } = JSON.parse(this.message.content.toString('utf8')) as EventBundle;
    return Buffer.from(JSON.stringify({ ...header, events: indexes.map((index) => events[index]) }));
  }
}
