import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { AmqpConnectionManager, ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel } from 'amqplib';
import { randomUUID } from 'node:crypto';
import { AMQP_CONNECTION } from './amqp.connection';
import type { EventEnvelope } from './event-envelope';
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
    const content = Buffer.from(JSON.stringify(envelope));
    const properties = {
      persistent: true,
      contentType: 'application/json',
      messageId: envelope.id,
      type,
      appId: this.options.service,
      timestamp: Math.floor(Date.now() / 1000),
    };
    const routingKey = tenantRoutingKey(this.options.tenantId, type);
    const deadline = Date.now() + PUBLISH_DEADLINE_MS;
    for (;;) {
      try {
        await this.channel.publish(this.options.eventsExchange, routingKey, content, properties);
        return envelope;
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
