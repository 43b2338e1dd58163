import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { performance } from 'node:perf_hooks';
import { Counter, Histogram, type Registry } from 'prom-client';
import { METRICS_REGISTRY } from './metrics.registry';

/**
 * Counts answered requests and their duration by route template (never the raw URL, which may carry
 * ids or addresses), once the response has been sent, with the status actually sent: also answers
 * from guards, exception filters and unmatched paths (`route="unmatched"`).
 *
 * A middleware, not a global interceptor: any global interceptor makes Nest run every handler call
 * through an RxJS pipeline (defer, mergeAll, bound async resources), about a tenth of the CPU of a
 * small request such as a Slack event delivery.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
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

  use(request: Request, response: Response, next: NextFunction): void {
    const started = performance.now();
    // Nest runs middleware through a catch-all Express route, which Express also leaves on the
    // request; a path no controller route matched still carries it (or the next middleware's) at the end.
    const catchAllPath = routePath(request);
    response.once('finish', () => {
      const path = routePath(request);
      const route = path === undefined || path === catchAllPath ? 'unmatched' : path;
      this.duration.observe({ method: request.method, route }, (performance.now() - started) / 1000);
      this.requests.inc({ method: request.method, route, status: String(response.statusCode) });
    });
    next();
  }
}

/** The template of the Express route the request went through last (`/messages/:id`). */
function routePath(request: Request): string | undefined {
  return (request.route as { path?: string } | undefined)?.path;
}
