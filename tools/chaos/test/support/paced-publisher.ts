import { tenantRoutingKey } from '@sentinel/messaging';
import { connect, type ChannelModel, type ConfirmChannel } from 'amqplib';
import type { ChaosDelivery } from '../../src/chaos-workload';

const SLICE = 100;

/**
 * The sources' side of the run: publishes the deliveries to the tenant's events exchange at a
 * steady pace, straight to the broker (never through the workers' fault proxy), with publisher
 * confirms, so every envelope the test counts was taken by the broker.
 */
export class PacedPublisher {
  published = 0;

  private constructor(
    private readonly connection: ChannelModel,
    private readonly channel: ConfirmChannel,
    private readonly target: { tenantId: string; exchange: string; eventType: string },
  ) {}

  static async open(url: string, target: { tenantId: string; exchange: string; eventType: string }): Promise<PacedPublisher> {
    const connection = await connect(url);
    const channel = await connection.createConfirmChannel();
    return new PacedPublisher(connection, channel, target);
  }

  /** Publishes every delivery, spread evenly over `durationMs`. */
  async publishOver(deliveries: readonly ChaosDelivery[], durationMs: number): Promise<void> {
    const started = Date.now();
    const slices = Math.ceil(deliveries.length / SLICE);
    for (let slice = 0; slice < slices; slice += 1) {
      const due = started + (durationMs * slice) / slices;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      for (const delivery of deliveries.slice(slice * SLICE, (slice + 1) * SLICE)) this.publish(delivery);
      await this.channel.waitForConfirms();
      this.published = Math.min(deliveries.length, (slice + 1) * SLICE);
    }
  }

  async close(): Promise<void> {
    await this.channel.close().catch(() => undefined);
    await this.connection.close().catch(() => undefined);
  }

  private publish(delivery: ChaosDelivery): void {
    const { tenantId, exchange, eventType } = this.target;
    const envelope = { id: delivery.eventId, type: eventType, tenant_id: tenantId, occurred_at: new Date().toISOString(), data: delivery.item };
    this.channel.publish(exchange, tenantRoutingKey(tenantId, eventType), Buffer.from(JSON.stringify(envelope)), {
      persistent: true,
      contentType: 'application/json',
      messageId: delivery.eventId,
    });
  }
}
