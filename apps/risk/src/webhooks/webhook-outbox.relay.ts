import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventPublisher } from '@sentinel/messaging';
import { DataSource } from 'typeorm';
import { WEBHOOK_DELIVERY_REQUESTED_EVENT, type WebhookDeliveryRequestedData } from './webhook-delivery.consumer';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';

/** How often the outbox is polled; a committed event waits at most this long for the broker. */
const RELAY_INTERVAL_MS = 500;
/** Deliveries relayed per transaction. */
const RELAY_BATCH = 100;

/**
 * Moves pending outbox rows to the broker. Rows are locked with SKIP LOCKED, published with
 * confirms, then marked `queued` in the same transaction: a crash between the two republishes
 * them (the consumer ignores a delivery already settled), and nothing is marked that was not sent.
 */
@Injectable()
export class WebhookOutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookOutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly publisher: EventPublisher,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), RELAY_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Relays until the outbox has no pending row left; returns how many were relayed. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const relayed = await this.dataSource.transaction(async (manager) => {
        const ids = await this.deliveries.lockPending(manager, RELAY_BATCH);
        for (const id of ids) {
          await this.publisher.publish<WebhookDeliveryRequestedData>(WEBHOOK_DELIVERY_REQUESTED_EVENT, { delivery_id: id }, { id });
        }
        if (ids.length > 0) await this.deliveries.markQueued(manager, ids);
        return ids.length;
      });
      total += relayed;
      if (relayed < RELAY_BATCH) return total;
    }
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.drain()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.warn({ error: error instanceof Error ? error.name : 'unknown_error' }, 'webhook outbox relay failed; retrying on the next tick'))
      .finally(() => {
        this.running = undefined;
      });
    await this.running;
  }
}
