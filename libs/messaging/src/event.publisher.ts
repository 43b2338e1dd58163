import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { AmqpConnectionManager, ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel } from 'amqplib';
import { randomUUID } from 'node:crypto';
import { AMQP_CONNECTION } from './amqp.connection';
import { BUNDLE_LIMITS, bundledEnvelope, type BundledEvent, type EventEnvelope } from './event-envelope';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { tenantRoutingKey } from './topology.names';

const PUBLISH_DEADLINE_MS = 10_000;

function isClosedChannelError(error: unknown): boolean {
  return error instanceof Error && /closed/i.test(error.message);
}

export interface PublishOptions {
  /** Event id; a stable id (e.g. derived from a provider's event id) makes republishing idempotent. */
  id?: string;
  occurredAt?: Date;
}

/**
 * Publishes the stack's own events to its topic exchange with publisher confirms: `publish`
 * resolves only once the broker has taken responsibility for the message.
 */
@Injectable()
export class EventPublisher implements OnApplicationShutdown {
  private readonly channel: ChannelWrapper;

  constructor(
    @Inject(AMQP_CONNECTION) connection: AmqpConnectionManager,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    this.channel = connection.createChannel({
      name: 'publisher',
      confirm: true,
      publishTimeout: 10_000,
      setup: (channel: ConfirmChannel) => channel.assertExchange(options.eventsExchange, 'topic', { durable: true }),
    });
    // A setup interrupted by a disconnect is re-run on reconnect; the error itself is not fatal.
    this.channel.on('error', () => undefined);
  }

  async publish<T extends object>(type: string, data: T, options: PublishOptions = {}): Promise<EventEnvelope<T>> {
    const envelope: EventEnvelope<T> = {
      id: options.id ?? randomUUID(),
      type,
      tenant_id: this.options.tenantId,
      occurred_at: (options.occurredAt ?? new Date()).toISOString(),
      data,
    };
    await this.publishContent(type, envelope.id, Buffer.from(JSON.stringify(envelope)));
    return envelope;
  }

  /**
   * Publishes several events of one type as bundles (see `EventBundle`): at most
   * `BUNDLE_LIMITS.maxEvents` events and about `BUNDLE_LIMITS.maxBytes` per message, in order; an
   * event larger than that travels in a bundle of its own; no events, no message. Resolves once every bundle is confirmed,
   * with each event's envelope; a failure leaves the caller to publish them again (by id, so the
   * consumer treats the copies of confirmed ones as duplicates).
   */
  async publishBundle<T extends object>(type: string, events: ReadonlyArray<{ data: T } & PublishOptions>): Promise<Array<EventEnvelope<T>>> {
    const envelopes: Array<EventEnvelope<T>> = [];
    const bundles: string[][] = [];
    let current: string[] = [];
    let bytes = 0;
    for (const event of events) {
      const bundled: BundledEvent<T> = { id: event.id ?? randomUUID(), occurred_at: (event.occurredAt ?? new Date()).toISOString(), data: event.data };
      envelopes.push(bundledEnvelope({ type, tenant_id: this.options.tenantId }, bundled));
      const serialized = JSON.stringify(bundled);
      const size = Buffer.byteLength(serialized);
      if (current.length > 0 && (current.length >= BUNDLE_LIMITS.maxEvents || bytes + size > BUNDLE_LIMITS.maxBytes)) {
        bundles.push(current);
        current = [];
        bytes = 0;
      }
      current.push(serialized);
      bytes += size;
    }
    if (current.length > 0) bundles.push(current);
    await Promise.all(
      bundles.map((serializedEvents) => {
        const id = randomUUID();
        const header = JSON.stringify({ id, type, tenant_id: this.options.tenantId, occurred_at: new Date().toISOString() });
        // The events are serialized once, above, to measure them; the bundle is assembled around them.
        return this.publishContent(type, id, Buffer.from(`${header.slice(0, -1)},"events":[${serializedEvents.join(',')}]}`));
      }),
    );
    return envelopes;
  }

  private async publishContent(type: string, messageId: string, content: Buffer): Promise<void> {
    const properties = {
      persistent: true,
      contentType: 'application/json',
      messageId,
      type,
      appId: this.options.service,
      timestamp: Math.floor(Date.now() / 1000),
    };
    const routingKey = tenantRoutingKey(this.options.tenantId, type);
    const deadline = Date.now() + PUBLISH_DEADLINE_MS;
    for (;;) {
      try {
        await this.channel.publish(this.options.eventsExchange, routingKey, content, properties);
        return;
      } catch (error) {
        // A channel that closes before confirming leaves the outcome unknown: publish again once
        // reconnected (consumers dedupe by event id). Other errors, or the deadline, propagate.
        if (!isClosedChannelError(error) || Date.now() >= deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.channel.close();
  }
}
