import { parseKeyRing, SecretEnvelopeCipher } from '@sentinel/crypto';
import type { ConsumerQueueSpec } from '@sentinel/messaging';
import type { RiskEnv } from '../risk.env';

export const WEBHOOK_SETTINGS = Symbol('risk.webhook-settings');

/** Consumer (queue `sentinel.<TENANT_ID>.risk.webhooks`) that makes the HTTP calls. */
export const WEBHOOK_DELIVERY_QUEUE = 'risk.webhooks';

export interface WebhookSettings {
  /** Null when INTEGRATION_ENCRYPTION_KEY is unset: no secret can be sealed or opened. */
  cipher: SecretEnvelopeCipher | null;
  allowPrivateTargets: boolean;
  allowHttp: boolean;
  timeoutMs: number;
  breaker: { threshold: number; cooldownMs: number };
}

/** Built once at boot, so a malformed key ring stops the service with a message naming the variable. */
export function webhookSettingsFromEnv(config: RiskEnv): WebhookSettings {
  return {
    cipher: config.INTEGRATION_ENCRYPTION_KEY ? new SecretEnvelopeCipher(parseKeyRing(config.INTEGRATION_ENCRYPTION_KEY)) : null,
    allowPrivateTargets: config.WEBHOOK_ALLOW_PRIVATE_TARGETS,
    allowHttp: config.WEBHOOK_ALLOW_HTTP,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    breaker: { threshold: config.WEBHOOK_BREAKER_THRESHOLD, cooldownMs: config.WEBHOOK_BREAKER_COOLDOWN_MS },
  };
}

/** The delivery queue, whose delayed retries are the webhook backoff (exponential, full jitter, capped). */
export function webhookQueueSpec(config: RiskEnv): ConsumerQueueSpec {
  return {
    name: WEBHOOK_DELIVERY_QUEUE,
    retry: { maxAttempts: config.WEBHOOK_MAX_ATTEMPTS, baseDelayMs: config.WEBHOOK_RETRY_BASE_MS, maxDelayMs: config.WEBHOOK_RETRY_MAX_MS },
  };
}
