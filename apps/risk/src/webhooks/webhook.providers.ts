import type { Provider } from '@nestjs/common';
import type { RiskEnv } from '../risk.env';
import { WebhookDeliveryConsumer } from './webhook-delivery.consumer';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookEmitter } from './webhook-emitter.service';
import { WebhookHttpSender } from './webhook-http.sender';
import { WebhookOutboxRelay } from './webhook-outbox.relay';
import { WebhookSecretVault } from './webhook-secret.vault';
import { WebhookSubscriptionRepository } from './webhook-subscription.repository';
import { WebhookTargetPolicy } from './webhook-target.policy';
import { WebhookMetrics } from './webhook.metrics';
import { WEBHOOK_SETTINGS, webhookSettingsFromEnv } from './webhook.settings';
import { WebhooksService } from './webhooks.service';

/** Everything outbound webhooks need, for RiskModule (the emitter also reads its clock and rules). */
export function webhookProviders(config: RiskEnv): Provider[] {
  return [
    { provide: WEBHOOK_SETTINGS, useValue: webhookSettingsFromEnv(config) },
    WebhookSubscriptionRepository,
    WebhookDeliveryRepository,
    WebhookTargetPolicy,
    WebhookSecretVault,
    WebhookHttpSender,
    WebhookMetrics,
    WebhooksService,
    WebhookEmitter,
    WebhookOutboxRelay,
    WebhookDeliveryService,
    WebhookDeliveryConsumer,
  ];
}
