import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@sentinel/observability';
import { Counter, type Registry } from 'prom-client';
import type { GateOutcome } from '../gate/gate-outcome';

export type SlackRequestResult = 'accepted' | 'url_verification' | 'ignored' | 'rejected';

/** Ingest's counters. Labels are fixed tokens only: never an address, a name, a body or an id. */
@Injectable()
export class IngestMetrics {
  private readonly outcomes: Counter<'source' | 'outcome'>;
  private readonly slackRequests: Counter<'result' | 'reason'>;
  private readonly gateRetries: Counter<'source' | 'reason'>;
  private readonly unroutedItems: Counter<'source' | 'reason'>;
  private readonly sourcePolls: Counter<'source' | 'result'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.outcomes = new Counter({
      name: 'ingest_outcomes_total',
      help: 'Gate decisions per inbound item by source and outcome token',
      labelNames: ['source', 'outcome'],
      registers: [registry],
    });
    this.slackRequests = new Counter({
      name: 'ingest_slack_requests_total',
      help: 'Slack Events API requests by result and reason token',
      labelNames: ['result', 'reason'],
      registers: [registry],
    });
    this.gateRetries = new Counter({
      name: 'ingest_gate_retries_total',
      help: 'Items sent back through the delayed retry queue because they could not be checked',
      labelNames: ['source', 'reason'],
      registers: [registry],
    });
    this.unroutedItems = new Counter({
      name: 'ingest_unrouted_total',
      help: 'Items (or per-user copies) with no user to check them for: no connected integration, not a conversation member',
      labelNames: ['source', 'reason'],
      registers: [registry],
    });
    this.sourcePolls = new Counter({
      name: 'ingest_source_polls_total',
      help: 'Polls of Gmail and Calendar integrations by source and result (full, incremental, failed, leased: another replica polls it)',
      labelNames: ['source', 'result'],
      registers: [registry],
    });
  }

  outcome(source: string, outcome: GateOutcome, count = 1): void {
    if (count > 0) this.outcomes.inc({ source, outcome }, count);
  }

  slackRequest(result: SlackRequestResult, reason: string): void {
    this.slackRequests.inc({ result, reason });
  }

  gateRetry(source: string, reason: string): void {
    this.gateRetries.inc({ source, reason });
  }

  unrouted(source: string, reason: 'no_connected_integration' | 'not_conversation_member'): void {
    this.unroutedItems.inc({ source, reason });
  }

  sourcePoll(source: string, result: 'full' | 'incremental' | 'failed' | 'leased'): void {
    this.sourcePolls.inc({ source, result });
  }
}
