import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@sentinel/observability';
import { Counter, Gauge, type Registry } from 'prom-client';
import { CIRCUIT_GAUGE_VALUE, type CircuitState } from './webhook-circuit';

/** Delivery attempts by outcome token and each endpoint's circuit state (labels: ids and tokens only). */
@Injectable()
export class WebhookMetrics {
  private readonly attempts: Counter<'outcome'>;
  private readonly circuits: Gauge<'subscription_id'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.attempts = new Counter({
      name: 'risk_webhook_deliveries_total',
      help: 'Webhook delivery attempts by outcome (delivered, http_error, redirect_refused, timeout, network_error, target_refused, circuit_open, ...)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.circuits = new Gauge({
      name: 'risk_webhook_circuit_state',
      help: "Each webhook endpoint's circuit as last seen by this process: 0 closed, 1 half-open, 2 open",
      labelNames: ['subscription_id'],
      registers: [registry],
    });
  }

  attempt(outcome: string): void {
    this.attempts.inc({ outcome });
  }

  circuit(subscriptionId: string, state: CircuitState): void {
    this.circuits.set({ subscription_id: subscriptionId }, CIRCUIT_GAUGE_VALUE[state]);
  }

  forget(subscriptionId: string): void {
    this.circuits.remove({ subscription_id: subscriptionId });
  }
}
