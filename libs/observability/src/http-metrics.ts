import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram, type Registry } from 'prom-client';
import { METRICS_REGISTRY } from './metrics.registry';

/**
 * `http_requests_total` and `http_request_duration_seconds`, labelled by route template (never the
 * raw URL, which may carry ids or addresses). Recorded by the HTTP metrics middleware, and by a
 * route served ahead of the middleware stack (ingest's Slack receiver) for its own answers.
 */
@Injectable()
export class HttpMetrics {
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly duration: Histogram<'method' | 'route'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests by route template and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route template',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
  }

  /** One answered request: its route template, the status sent and how long it took. */
  record(method: string, route: string, status: number, seconds: number): void {
    this.duration.observe({ method, route }, seconds);
    this.requests.inc({ method, route, status: String(status) });
  }
}
