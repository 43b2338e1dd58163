import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@sentinel/observability';
import { Counter, type Registry } from 'prom-client';

/** `POST /bot/items` by result and reason token; never a bot name, token or meeting id. */
@Injectable()
export class BotMetrics {
  private readonly requests: Counter<'result' | 'reason'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.requests = new Counter({
      name: 'ingest_bot_requests_total',
      help: 'Meeting-bot requests by result (accepted, rejected) and reason token',
      labelNames: ['result', 'reason'],
      registers: [registry],
    });
  }

  request(result: 'accepted' | 'rejected', reason: string): void {
    this.requests.inc({ result, reason });
  }
}
