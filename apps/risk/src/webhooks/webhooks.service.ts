import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail, auditActor, type AuditPropertyValue } from '@sentinel/audit';
import { pageWindow, parseSort } from '@sentinel/hardening';
import type { AuthenticatedPrincipal } from '@sentinel/permission';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../clock';
import type { Page } from '../deals/deal.view';
import type { CreateWebhookDto, UpdateWebhookDto } from './create-webhook.dto';
import { circuitState } from './webhook-circuit';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';
import { isWebhookEventType, WEBHOOK_EVENT_TYPES, type WebhookEventType } from './webhook-events';
import { WebhookSecretVault } from './webhook-secret.vault';
import { WebhookSubscriptionRepository, type WebhookSubscriptionChanges, type WebhookSubscriptionRecord } from './webhook-subscription.repository';
import { WebhookTargetPolicy } from './webhook-target.policy';
import { EventUnknownError, WebhookNotFoundError } from './webhook.error';
import { WebhookMetrics } from './webhook.metrics';
import { WEBHOOK_SETTINGS, type WebhookSettings } from './webhook.settings';
import type { CreatedWebhookView, WebhookDeliveryLogView, WebhookView } from './webhook.view';
import type { WebhookDeliveriesQuery, WebhooksListQuery } from './webhooks-list.query';

/**
 * Webhook subscriptions. Targets pass the SSRF guard before they are stored; the secret is made
 * here, sealed at rest and returned once; every change is audited in its own transaction with the
 * target's origin only (no path or query string, which may carry the receiver's credentials).
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly policy: WebhookTargetPolicy,
    private readonly vault: WebhookSecretVault,
    private readonly audit: AuditTrail,
    private readonly metrics: WebhookMetrics,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(principal: AuthenticatedPrincipal, dto: CreateWebhookDto): Promise<CreatedWebhookView> {
    this.vault.assertConfigured();
    const events = knownEvents(dto.events);
    const url = this.policy.parse(dto.url);
    await this.policy.vet(url);
    const id = randomUUID();
    const secret = this.vault.generate();
    const created = await this.dataSource.transaction(async (manager) => {
      const record = await this.subscriptions.insert(manager, {
        id,
        targetUrl: url.href,
        events,
        secret: this.vault.seal(secret, id),
        active: dto.active ?? true,
        createdBy: principal.userId,
      });
      await this.audit.record({ event: 'webhook.created', actor: auditActor(principal), subject: { type: 'webhook', id }, properties: auditProperties(record) }, manager);
      return record;
    });
    return { ...this.view(created), secret };
  }

  async list(query: WebhooksListQuery): Promise<Page<WebhookView>> {
    const { field, direction } = parseSort(query.sort);
    const { offset, limit } = pageWindow(query);
    const { rows, total } = await this.subscriptions.page(field, direction, offset, limit);
    return { data: rows.map((row) => this.view(row)), page: query.page, per_page: query.per_page, total };
  }

  async get(id: string): Promise<WebhookView> {
    return this.view(await this.existing(id));
  }

  async update(principal: AuthenticatedPrincipal, id: string, dto: UpdateWebhookDto): Promise<WebhookView> {
    await this.existing(id);
    const changes: WebhookSubscriptionChanges = {};
    if (dto.events !== undefined) changes.events = knownEvents(dto.events);
    if (dto.url !== undefined) {
      const url = this.policy.parse(dto.url);
      await this.policy.vet(url);
      changes.targetUrl = url.href;
    }
    if (dto.active !== undefined) changes.active = dto.active;
    const updated = await this.dataSource.transaction(async (manager) => {
      const record = await this.subscriptions.update(manager, id, changes);
      if (!record) throw new WebhookNotFoundError();
      await this.audit.record(
        {
          event: 'webhook.updated',
          actor: auditActor(principal),
          subject: { type: 'webhook', id },
          properties: { ...auditProperties(record), changed: Object.keys(dto).filter((key) => dto[key as keyof UpdateWebhookDto] !== undefined).sort() },
        },
        manager,
      );
      return record;
    });
    return this.view(updated);
  }

  async remove(principal: AuthenticatedPrincipal, id: string): Promise<void> {
    const record = await this.existing(id);
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.subscriptions.delete(manager, id))) throw new WebhookNotFoundError();
      await this.audit.record({ event: 'webhook.deleted', actor: auditActor(principal), subject: { type: 'webhook', id }, properties: auditProperties(record) }, manager);
    });
    this.metrics.forget(id);
  }

  async deliveryLog(id: string, query: WebhookDeliveriesQuery): Promise<Page<WebhookDeliveryLogView>> {
    await this.existing(id);
    const { offset, limit } = pageWindow(query);
    const { rows, total } = await this.deliveries.logPage(id, parseSort(query.sort).direction, offset, limit);
    return {
      data: rows.map((row) => ({
        delivery_id: row.deliveryId,
        event_id: row.eventId,
        event_type: row.eventType,
        delivery_status: row.deliveryStatus,
        attempt: row.attempt,
        outcome: row.outcome,
        status_code: row.statusCode,
        duration_ms: row.durationMs,
        attempted_at: new Date(row.attemptedAt).toISOString(),
      })),
      page: query.page,
      per_page: query.per_page,
      total,
    };
  }

  private async existing(id: string): Promise<WebhookSubscriptionRecord> {
    const record = await this.subscriptions.find(id);
    if (!record) throw new WebhookNotFoundError();
    return record;
  }

  private view(record: WebhookSubscriptionRecord): WebhookView {
    return {
      id: record.id,
      url: record.targetUrl,
      events: record.events,
      active: record.active,
      created_by: record.createdBy,
      created_at: new Date(record.createdAt).toISOString(),
      updated_at: new Date(record.updatedAt).toISOString(),
      circuit: { state: circuitState(record, this.clock.now(), this.settings.breaker), consecutive_failures: record.consecutiveFailures },
    };
  }
}

/** Distinct, known event types in catalogue order; an unknown one is a 422 naming the allowed ones. */
function knownEvents(requested: string[]): WebhookEventType[] {
  if (!requested.every(isWebhookEventType)) throw new EventUnknownError(WEBHOOK_EVENT_TYPES);
  return WEBHOOK_EVENT_TYPES.filter((type) => requested.includes(type));
}

function auditProperties(record: WebhookSubscriptionRecord): Record<string, AuditPropertyValue> {
  return { target_origin: new URL(record.targetUrl).origin, events: record.events, active: record.active };
}
