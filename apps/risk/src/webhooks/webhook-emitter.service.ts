import { Inject, Injectable } from '@nestjs/common';
import type { TimelineAppendedMessage } from '@sentinel/messaging';
import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../clock';
import { riskInput } from '../deals/deals.service';
import { DealReadRepository } from '../repositories/deal-read.repository';
import { RISK_RULES, type RiskRulesConfig } from '../rules/risk-rules.config';
import { riskLevelChange, type AggregateChange } from './risk-level-change';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';

/**
 * Writes webhook events to the outbox inside the transaction of the change that causes them, so an
 * event exists exactly when its change committed. Nothing is computed when no subscription wants
 * the event type.
 */
@Injectable()
export class WebhookEmitter {
  constructor(
    private readonly outbox: WebhookDeliveryRepository,
    private readonly deals: DealReadRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RISK_RULES) private readonly rules: RiskRulesConfig,
  ) {}

  /**
   * `message.admitted` for a recorded `timeline.appended` event. Its id derives from the message
   * id, so a redelivered event finds its outbox rows and adds none.
   */
  async messageAdmitted(manager: EntityManager, message: TimelineAppendedMessage, dealIds: string[]): Promise<void> {
    if (!(await this.outbox.hasSubscribers(manager, 'message.admitted'))) return;
    await this.outbox.enqueue(manager, {
      id: nameBasedUuid(`message.admitted:${message.message_id}`),
      type: 'message.admitted',
      occurredAt: this.clock.now(),
      data: {
        message_id: message.message_id,
        integration_id: message.integration_id,
        source: message.source,
        direction: message.direction,
        occurred_at: message.occurred_at,
        deal_ids: [...dealIds].sort(),
      },
    });
  }

  /** `risk.level_changed` for each deal whose level the new timeline entries moved. */
  async aggregatesChanged(manager: EntityManager, changes: AggregateChange[]): Promise<void> {
    if (changes.length === 0 || !(await this.outbox.hasSubscribers(manager, 'risk.level_changed'))) return;
    const now = this.clock.now();
    const records = new Map((await this.deals.findLiveMany(manager, changes.map((change) => change.dealId))).map((record) => [record.id, record]));
    for (const change of changes) {
      const record = records.get(change.dealId);
      const payload = record ? riskLevelChange(record.id, riskInput(record), change, now, this.rules) : null;
      if (payload) await this.outbox.enqueue(manager, { id: randomUUID(), type: 'risk.level_changed', occurredAt: now, data: payload });
    }
  }
}

/** A UUID (version 8, RFC 9562) derived from `name` with SHA-256: the same name, the same id. */
function nameBasedUuid(name: string): string {
  const bytes = createHash('sha256').update(name).digest().subarray(0, 16);
  bytes.writeUInt8((bytes.readUInt8(6) & 0x0f) | 0x80, 6);
  bytes.writeUInt8((bytes.readUInt8(8) & 0x3f) | 0x80, 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
