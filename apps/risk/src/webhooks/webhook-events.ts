import type { RiskLevel, RiskReasonCode } from '../rules/risk-assessment';

/** Event types a subscription can ask for. Payloads carry ids, levels and codes; never a body. */
export const WEBHOOK_EVENT_TYPES = ['risk.level_changed', 'message.admitted'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** `risk.level_changed`: a deal's risk level moved when new timeline events updated its aggregates. */
export interface RiskLevelChangedPayload {
  deal_id: string;
  previous_level: RiskLevel;
  level: RiskLevel;
  previous_score: number;
  score: number;
  reason_codes: RiskReasonCode[];
  assessed_at: string;
}

/** `message.admitted`: an admitted message reached risk's timeline (the deals it joined, possibly none). */
export interface MessageAdmittedPayload {
  message_id: string;
  integration_id: string;
  source: string;
  direction: 'inbound' | 'outbound';
  occurred_at: string;
  deal_ids: string[];
}

export type WebhookEvent =
  | { id: string; type: 'risk.level_changed'; occurredAt: Date; data: RiskLevelChangedPayload }
  | { id: string; type: 'message.admitted'; occurredAt: Date; data: MessageAdmittedPayload };

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}
