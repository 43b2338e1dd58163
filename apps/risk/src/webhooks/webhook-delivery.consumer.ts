import { Injectable } from '@nestjs/common';
import { ConsumeEvent, type DeliveryInfo, type DeliveryOutcome, type EventEnvelope } from '@sentinel/messaging';
import { IsUUID } from 'class-validator';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WEBHOOK_DELIVERY_QUEUE } from './webhook.settings';

/** Published by the outbox relay, one per delivery row (the envelope id is the delivery id). */
export const WEBHOOK_DELIVERY_REQUESTED_EVENT = 'webhook.delivery_requested';

export class WebhookDeliveryRequestedData {
  @IsUUID()
  delivery_id!: string;
}

/** Runs each delivery attempt; a returned retry goes back through the broker's delayed retry queue. */
@Injectable()
export class WebhookDeliveryConsumer {
  constructor(private readonly deliveries: WebhookDeliveryService) {}

  @ConsumeEvent({ queue: WEBHOOK_DELIVERY_QUEUE, type: WEBHOOK_DELIVERY_REQUESTED_EVENT, schema: WebhookDeliveryRequestedData })
  handle(envelope: EventEnvelope<WebhookDeliveryRequestedData>, delivery: DeliveryInfo): Promise<DeliveryOutcome> {
    return this.deliveries.deliver(envelope.data.delivery_id, delivery);
  }
}
