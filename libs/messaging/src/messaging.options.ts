export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export interface RetryPolicy {
  /** Deliveries allowed before a retrying message is dead-lettered (first delivery included). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface ConsumerQueueSpec {
  /** Short consumer name, e.g. `ingest.inbound`. */
  name: string;
  /**
   * Extra bindings beyond the stack's own events exchange, e.g. the identity exchange with
   * `tenant.<TENANT_ID>.#`. Handlers' event types on the events exchange are bound automatically.
   */
  extraBindings?: Array<{ exchange: string; pattern: string }>;
  retry?: Partial<RetryPolicy>;
  /** Redeliveries without an ack (crashes) tolerated by the quorum queue before it dead-letters. */
  deliveryLimit?: number;
}

export interface MessagingOptions {
  url: string;
  tenantId: string;
  eventsExchange: string;
  prefetch: number;
  /** The service's name, recorded as the `app_id` of published messages. */
  service: string;
  consumers?: ConsumerQueueSpec[];
  /** Time allowed for in-flight handlers to finish when the application shuts down. */
  shutdownGraceMs?: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 500, maxDelayMs: 60_000 };

/** Exponential backoff with full jitter, capped. */
export function retryDelayMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(policy.baseDelayMs, Math.round(ceiling * random()));
}
