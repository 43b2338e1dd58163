import { Inject, Injectable } from '@nestjs/common';
import type { SyncRunCounts } from '@sentinel/persistence';
import { METRICS_REGISTRY } from '@sentinel/observability';
import { Counter, Histogram, type Registry } from 'prom-client';

/** Outcome of a finished run, as counted: the engine's result, `failed` for an unknown error. */
export type SyncRunOutcome = 'completed' | 'temporary_failure' | 'auth_lost' | 'failed' | 'lease_lost';

/**
 * Per-provider sync metrics on the app's registry. Labels are providers and outcome tokens only:
 * never an integration id, a user or an address.
 */
@Injectable()
export class CrmSyncMetrics {
  private readonly runs: Counter<'provider' | 'outcome'>;
  private readonly contacts: Counter<'provider' | 'change'>;
  private readonly duration: Histogram<'provider'>;
  private readonly providerCalls: Counter<'provider' | 'outcome'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.runs = metric(registry, 'crm_sync_runs_total', () => new Counter({ name: 'crm_sync_runs_total', help: 'Finished sync runs by provider and outcome.', labelNames: ['provider', 'outcome'], registers: [registry] }));
    this.contacts = metric(registry, 'crm_sync_contacts_total', () =>
      new Counter({ name: 'crm_sync_contacts_total', help: 'Contacts changed by sync runs, by provider and change.', labelNames: ['provider', 'change'], registers: [registry] }));
    this.duration = metric(registry, 'crm_sync_run_duration_seconds', () =>
      new Histogram({ name: 'crm_sync_run_duration_seconds', help: 'Duration of sync runs.', labelNames: ['provider'], buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600], registers: [registry] }));
    this.providerCalls = metric(registry, 'crm_sync_provider_calls_total', () =>
      new Counter({
        name: 'crm_sync_provider_calls_total',
        help: 'Provider call attempts by outcome (ok or the provider error code; provider_circuit_open = short-circuited by the breaker).',
        labelNames: ['provider', 'outcome'],
        registers: [registry],
      }));
  }

  runFinished(provider: string, outcome: SyncRunOutcome, counts: SyncRunCounts): void {
    this.runs.inc({ provider, outcome });
    this.contacts.inc({ provider, change: 'created' }, counts.created);
    this.contacts.inc({ provider, change: 'updated' }, counts.updated);
    this.contacts.inc({ provider, change: 'deleted' }, counts.deleted);
    this.duration.observe({ provider }, counts.durationMs / 1000);
  }

  providerCall(provider: string, outcome: string): void {
    this.providerCalls.inc({ provider, outcome });
  }
}

function metric<T>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}
