import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Counter, Histogram, type Registry } from 'prom-client';
import { Observable, tap } from 'rxjs';
import { METRICS_REGISTRY } from './metrics.registry';

/** Counts requests by route template (never the raw URL, which may carry ids or addresses). */
@Injectable()
export class HttpMetricsInterceptor implements NestInterceptor {
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

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const route = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
    const stopTimer = this.duration.startTimer({ method: request.method, route });
    const record = (status: number) => {
      stopTimer();
      this.requests.inc({ method: request.method, route, status: String(status) });
    };
    return next.handle().pipe(
      tap({
        next: () => record(http.getResponse<Response>().statusCode),
        error: (error: { getStatus?: () => number }) => record(error.getStatus?.() ?? 500),
      }),
    );
  }
}
