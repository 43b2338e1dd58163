import type { Channel } from 'amqplib';
import { consumerQueueNames, deadLetterExchangeName, tenantRoutingKey } from './topology.names';

export interface ConsumerTopology {
  name: string;
  /** Event types bound from the stack's events exchange. */
  eventTypes: string[];
  extraBindings: Array<{ exchange: string; pattern: string }>;
  deliveryLimit: number;
}

export interface TenantTopology {
  tenantId: string;
  eventsExchange: string;
  consumers: ConsumerTopology[];
}

/**
 * Declares (idempotently) everything one tenant's stack needs. Runs on every (re)connection, so
 * a broker restart that lost non-durable state, or a deleted queue, is repaired on reconnect.
 */
export async function declareTenantTopology(channel: Channel, topology: TenantTopology): Promise<void> {
  const deadLetterExchange = deadLetterExchangeName(topology.tenantId);
  await channel.assertExchange(topology.eventsExchange, 'topic', { durable: true });
  await channel.assertExchange(deadLetterExchange, 'direct', { durable: true });

  for (const consumer of topology.consumers) {
    const names = consumerQueueNames(topology.tenantId, consumer.name);
    await channel.assertQueue(names.main, {
      durable: true,
      arguments: {
        'x-queue-type': 'quorum',
        'x-delivery-limit': consumer.deliveryLimit,
        'x-dead-letter-exchange': deadLetterExchange,
        'x-dead-letter-routing-key': names.main,
      },
    });
    // Messages wait here for their per-message expiration, then return to the main queue.
    await channel.assertQueue(names.retry, {
      durable: true,
      arguments: { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': names.main },
    });
    await channel.assertQueue(names.dead, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await channel.bindQueue(names.dead, deadLetterExchange, names.main);

    for (const eventType of consumer.eventTypes) {
      await channel.bindQueue(names.main, topology.eventsExchange, tenantRoutingKey(topology.tenantId, eventType));
    }
    for (const binding of consumer.extraBindings) {
      await channel.assertExchange(binding.exchange, 'topic', { durable: true });
      await channel.bindQueue(names.main, binding.exchange, binding.pattern);
    }
  }
}

/** Removes a tenant's queues and dead-letter exchange (tests and tenant offboarding). */
export async function deleteTenantTopology(channel: Channel, tenantId: string, consumerNames: string[]): Promise<void> {
  for (const name of consumerNames) {
    const names = consumerQueueNames(tenantId, name);
    for (const queue of [names.main, names.retry, names.dead]) await channel.deleteQueue(queue);
  }
  await channel.deleteExchange(deadLetterExchangeName(tenantId));
}
