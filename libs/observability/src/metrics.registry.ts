import { collectDefaultMetrics, Registry } from 'prom-client';

/** DI token of the service's Prometheus registry (one per app, so several apps can share a test process). */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

export function createMetricsRegistry(service: string, tenantId: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service, tenant: tenantId });
  collectDefaultMetrics({ register: registry });
  return registry;
}
