import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@sentinel/observability';
import { Counter, type Registry } from 'prom-client';

/** Identity events by type and outcome (`applied`, `duplicate`); dead letters are counted by the messaging library. */
@Injectable()
export class IdentityBridgeMetrics {
  readonly identityEvents: Counter<'type' | 'outcome'>;
  readonly policyFlushes: Counter<'scope'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.identityEvents = new Counter({
      name: 'identity_bridge_events_total',
      help: 'Identity events handled, by type and outcome (applied, duplicate)',
      labelNames: ['type', 'outcome'],
      registers: [registry],
    });
    this.policyFlushes = new Counter({
      name: 'identity_bridge_system_flushes_total',
      help: 'Policy cache flushes requested on the system route, by scope (tenant, user)',
      labelNames: ['scope'],
      registers: [registry],
    });
  }
}
