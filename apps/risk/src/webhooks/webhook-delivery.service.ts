import { Inject, Injectable, Logger } from '@nestjs/common';
import { SecretDecryptionError } from '@sentinel/crypto';
import { Outcome, type DeliveryInfo, type DeliveryOutcome } from '@sentinel/messaging';
import type { WebhookDeliveryStatus } from '@sentinel/persistence';
import { performance } from 'node:perf_hooks';
import { CLOCK, type Clock } from '../clock';
import { WebhookHttpSender, type SendOutcome } from './webhook-http.sender';
import { circuitState } from './webhook-circuit';
import { WebhookDeliveryRepository, type DeliveryWork } from './webhook-delivery.repository';
import { WebhookSecretVault } from './webhook-secret.vault';
import { WEBHOOK_SIGNATURE_HEADER, signWebhook } from './webhook-signature';
import { WebhookSubscriptionRepository } from './webhook-subscription.repository';
import { WebhookTargetPolicy } from './webhook-target.policy';
import { WebhookMetrics } from './webhook.metrics';
import { WEBHOOK_SETTINGS, type WebhookSettings } from './webhook.settings';
import { TargetNotAllowedError, TargetUnresolvableError, TargetUrlInvalidError, WebhookKeyMissingError } from './webhook.error';

/** Event id header: the same for every attempt and every subscription's copy, for receiver dedup. */
export const WEBHOOK_ID_HEADER = 'X-Webhook-Id';
export const WEBHOOK_EVENT_HEADER = 'X-Webhook-Event';

/** Outcome tokens of an attempt beyond the HTTP ones. */
type AttemptOutcome = SendOutcome | 'target_refused' | 'dns_error' | 'secret_unavailable' | 'circuit_open' | 'subscription_inactive';

interface AttemptResult {
  outcome: AttemptOutcome;
  statusCode: number | null;
  durationMs: number;
}

/** Failures that say the endpoint is unhealthy (they move its circuit). */
const ENDPOINT_FAILURES: ReadonlySet<AttemptOutcome> = new Set(['http_error', 'redirect_refused', 'timeout', 'network_error', 'dns_error']);
/** Failures no retry can fix: the delivery is `failed` at once. */
const PERMANENT_FAILURES: ReadonlySet<AttemptOutcome> = new Set(['target_refused', 'subscription_inactive']);

/**
 * Makes one delivery attempt for the consumer and decides what follows: `delivered`; a delayed
 * retry through the broker (exponential backoff with jitter, bounded by WEBHOOK_MAX_ATTEMPTS);
 * or `failed`. Each attempt is logged (status code, duration, outcome token; never a body).
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger(WebhookDeliveryService.name);

  constructor(
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly policy: WebhookTargetPolicy,
    private readonly vault: WebhookSecretVault,
    private readonly sender: WebhookHttpSender,
    private readonly metrics: WebhookMetrics,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async deliver(deliveryId: string, info: DeliveryInfo): Promise<DeliveryOutcome> {
    const work = await this.deliveries.findWork(deliveryId);
    // Deleted with its subscription, or already settled by an earlier copy of this message.
    if (!work || work.status === 'delivered' || work.status === 'failed') return Outcome.ack();
    const result = await this.attempt(work);
    return this.settle(work, info, result);
  }

  private async attempt(work: DeliveryWork): Promise<AttemptResult> {
    if (!work.subscription.active) return { outcome: 'subscription_inactive', statusCode: null, durationMs: 0 };
    if (!(await this.admittedByCircuit(work.subscription))) return { outcome: 'circuit_open', statusCode: null, durationMs: 0 };
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const target = await this.policy.vet(this.policy.parse(work.subscription.targetUrl));
      const secret = this.vault.open(work.subscription.secret, work.subscription.id);
      const body = JSON.stringify({ id: work.eventId, type: work.eventType, occurred_at: work.occurredAt.toISOString(), data: work.payload });
      const unixSeconds = Math.floor(this.clock.now().getTime() / 1000);
      const sent = await this.sender.send({
        target,
        body,
        timeoutMs: this.settings.timeoutMs,
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Sentinel-Webhooks/1.0',
          [WEBHOOK_ID_HEADER]: work.eventId,
          [WEBHOOK_EVENT_HEADER]: work.eventType,
          [WEBHOOK_SIGNATURE_HEADER]: signWebhook(secret, body, unixSeconds),
        },
      });
      return { ...sent, durationMs: elapsed() };
    } catch (error) {
      return { outcome: failureOutcome(error), statusCode: null, durationMs: elapsed() };
    }
  }

  /** Closed: go. Open: no call. Half-open: only the delivery that claims the trial goes. */
  private async admittedByCircuit(subscription: DeliveryWork['subscription']): Promise<boolean> {
    const now = this.clock.now();
    const state = circuitState(subscription, now, this.settings.breaker);
    this.metrics.circuit(subscription.id, state);
    if (state === 'closed') return true;
    if (state === 'open' || subscription.circuitOpenedAt === null) return false;
    return this.subscriptions.claimTrial(subscription.id, subscription.circuitOpenedAt, now);
  }

  private async settle(work: DeliveryWork, info: DeliveryInfo, result: AttemptResult): Promise<DeliveryOutcome> {
    const subscriptionId = work.subscription.id;
    this.metrics.attempt(result.outcome);
    if (result.outcome === 'delivered') {
      await this.subscriptions.recordSuccess(subscriptionId);
      this.metrics.circuit(subscriptionId, 'closed');
    } else if (ENDPOINT_FAILURES.has(result.outcome)) {
      const now = this.clock.now();
      const fields = await this.subscriptions.recordFailure(subscriptionId, this.settings.breaker.threshold, now);
      if (fields) this.metrics.circuit(subscriptionId, circuitState(fields, now, this.settings.breaker));
    }
    const final = result.outcome !== 'delivered' && (PERMANENT_FAILURES.has(result.outcome) || info.finalAttempt);
    const status: WebhookDeliveryStatus = result.outcome === 'delivered' ? 'delivered' : final ? 'failed' : 'queued';
    await this.deliveries.recordAttempt(
      { deliveryId: work.id, subscriptionId, attempt: info.attempt, outcome: result.outcome, statusCode: result.statusCode, durationMs: result.durationMs, attemptedAt: this.clock.now() },
      status,
    );
    if (status === 'failed') this.logger.warn({ subscription_id: subscriptionId, delivery_id: work.id, outcome: result.outcome, attempts: info.attempt }, 'webhook delivery failed');
    return status === 'queued' ? Outcome.retry(result.outcome) : Outcome.ack();
  }
}

/** The outcome token of an error thrown before or while sending; unknown errors are rethrown. */
function failureOutcome(error: unknown): AttemptOutcome {
  if (error instanceof TargetNotAllowedError || error instanceof TargetUrlInvalidError) return 'target_refused';
  if (error instanceof TargetUnresolvableError) return 'dns_error';
  if (error instanceof SecretDecryptionError || error instanceof WebhookKeyMissingError) return 'secret_unavailable';
  throw error;
}
