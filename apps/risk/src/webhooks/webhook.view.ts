import type { WebhookDeliveryStatus } from '@sentinel/persistence';
import type { CircuitState } from './webhook-circuit';

export interface WebhookView {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  created_by: string;
  created_at: string;
  updated_at: string;
  circuit: { state: CircuitState; consecutive_failures: number };
}

/** The create response: the only time the secret is returned. */
export interface CreatedWebhookView extends WebhookView {
  secret: string;
}

export interface WebhookDeliveryLogView {
  delivery_id: string;
  event_id: string;
  event_type: string;
  delivery_status: WebhookDeliveryStatus;
  attempt: number;
  outcome: string;
  status_code: number | null;
  duration_ms: number;
  attempted_at: string;
}
