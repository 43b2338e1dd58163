/**
 * Names of one tenant's RabbitMQ objects. Every queue and exchange a stack owns carries its
 * TENANT_ID, so two stacks can share a broker without seeing each other's messages.
 */
export interface ConsumerQueueNames {
  /** Quorum queue the consumer reads. */
  main: string;
  /** Classic queue holding delayed retries; expired messages dead-letter back to `main`. */
  retry: string;
  /** Dead-letter queue: malformed events and exhausted retries, with a reason header. */
  dead: string;
}

export function consumerQueueNames(tenantId: string, consumer: string): ConsumerQueueNames {
  const main = `sentinel.${tenantId}.${consumer}`;
  return { main, retry: `${main}.retry`, dead: `${main}.dlq` };
}

export function deadLetterExchangeName(tenantId: string): string {
  return `sentinel.${tenantId}.dlx`;
}

/** Routing keys follow the identity contract's shape: `tenant.<tenantId>.<event type>`. */
export function tenantRoutingKey(tenantId: string, eventType: string): string {
  return `tenant.${tenantId}.${eventType}`;
}
