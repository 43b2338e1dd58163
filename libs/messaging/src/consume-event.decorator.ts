import { SetMetadata } from '@nestjs/common';
import type { ClassConstructor } from 'class-transformer';

export const CONSUME_EVENT_METADATA = 'sentinel:consume-event';

export interface ConsumeEventOptions {
  /** Consumer name; the queue is `sentinel.<TENANT_ID>.<queue>`. */
  queue: string;
  /** Event type handled (the last part of the routing key). */
  type: string;
  /** class-validator class for `data`; an invalid event is dead-lettered with the reason. */
  schema?: ClassConstructor<object>;
  /**
   * When set, the handler receives deliveries in micro-batches of up to `maxSize` events,
   * collected for at most `maxWaitMs`, so work such as a gate query runs once per batch. At most
   * `maxConcurrent` batches are handled at once (default 4); later ones wait their turn. The
   * channel prefetch bounds messages, and a bundle brings many events: this bounds the work.
   * `maxBytes` closes a batch early once its events' bytes on the wire (each event's share of its
   * message) reach it, so a batch of unusually large events stays a bounded statement.
   */
  batch?: { maxSize: number; maxWaitMs: number; maxConcurrent?: number; maxBytes?: number };
}

/**
 * Marks a provider method as the handler of one event type on one of the stack's consumer
 * queues. A single handler receives `(envelope, delivery)`; a batch handler receives
 * `(deliveries)` and returns one outcome per delivery.
 */
export const ConsumeEvent = (options: ConsumeEventOptions) => SetMetadata(CONSUME_EVENT_METADATA, options);
