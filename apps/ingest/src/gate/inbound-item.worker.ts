import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConsumeEvent, type Delivery, type DeliveryOutcome, type TimelineAppendedMessage } from '@sentinel/messaging';
import { randomUUID } from 'node:crypto';
import { ContactBookUnavailableError } from '../errors/participant-resolution.error';
import { InboundItem } from '../inbound/inbound-item.event';
import { INBOUND_ITEM_EVENT, INBOUND_QUEUE } from '../inbound/inbound.events';
import { LedgerSettlementWorker } from '../ledger/ledger-settlement.worker';
import { IngestMetrics } from '../metrics/ingest.metrics';
import { GateIntegrationRepository } from '../repositories/gate-integration.repository';
import { IngestLedgerRepository } from '../repositories/ingest-ledger.repository';
import { MessageRepository, type MessageKey, type NewMessageRow, type StoredMessageRef } from '../repositories/message.repository';
import { AdmissionStore } from './admission.store';
import { BatchLedger, type SettledBatch } from './batch-ledger';
import { routeCandidates, type GateCandidate } from './candidate.router';
import { ContactGateService } from './contact-gate.service';
import { GATE_OUTCOMES } from './gate-outcome';
import { ParticipantResolverService, type ResolvedCandidate } from './participant-resolver.service';
import { TimelinePublisher } from './timeline.publisher';
import { withoutNul } from './without-nul';

export const GATE_WORKER_SETTINGS = Symbol('GATE_WORKER_SETTINGS');

export interface GateWorkerSettings {
  /** Deadline of each database step; a stalled connection counts as an outage. */
  queryTimeoutMs: number;
}

/**
 * Micro-batch bounds: one contact-book query and one insert per up to 2,000 items (or 8 MiB of
 * events, so a batch of unusually large emails stays a bounded statement), at most two batches
 * checked at once. IngestModule raises the prefetch to `maxSize` x (`maxConcurrent` + 1), so a batch
 * fills while the others are being checked. bench/ingest-gate.bench.ts: 2,000 x 2 took a third less
 * PostgreSQL CPU per item than 500 x 4 (fewer statements and commits) and drained 20-25% faster.
 */
export const GATE_BATCH = { maxSize: 2_000, maxBytes: 8 * 1024 * 1024, maxWaitMs: 50, maxConcurrent: 2 };

/**
 * The fail-closed contact gate over the inbound queue, one micro-batch at a time:
 * route -> dedup pre-check -> resolve participants (self-exclusion, normalization) -> ONE
 * contact-book query -> ONE multi-row insert -> timeline events. Nothing is written for an item
 * that was not checked: a database or provider failure sends it back through the broker's delayed
 * retry queue, and after the last attempt it is dropped as `fail_closed`.
 */
@Injectable()
export class InboundItemWorker {
  private readonly logger = new Logger(InboundItemWorker.name);

  constructor(
    private readonly integrations: GateIntegrationRepository,
    private readonly messages: MessageRepository,
    private readonly admissions: AdmissionStore,
    private readonly ledgerItems: IngestLedgerRepository,
    private readonly ledgerSettlements: LedgerSettlementWorker,
    private readonly resolver: ParticipantResolverService,
    private readonly gate: ContactGateService,
    private readonly timeline: TimelinePublisher,
    private readonly metrics: IngestMetrics,
    @Inject(GATE_WORKER_SETTINGS) private readonly settings: GateWorkerSettings,
  ) {}

  @ConsumeEvent({ queue: INBOUND_QUEUE, type: INBOUND_ITEM_EVENT, schema: InboundItem, batch: GATE_BATCH })
  async handle(deliveries: Array<Delivery<InboundItem>>): Promise<DeliveryOutcome[]> {
    const ledger = new BatchLedger(deliveries);
    try {
      await this.check(deliveries, ledger);
    } catch (error) {
      if (!(error instanceof ContactBookUnavailableError)) throw error;
      ledger.failAll({ reason: error.code, transient: true });
    }
    const settled = ledger.settle();
    await this.recordLedger(settled);
    for (const [source, counts] of settled.counts) for (const [outcome, count] of counts) this.metrics.outcome(source, outcome, count);
    for (const retry of settled.retries) this.metrics.gateRetry(retry.source, retry.reason);
    this.logger.log(
      { batch: deliveries.length, retried: settled.retries.length, ...summary(settled.counts) },
      'inbound batch settled',
    );
    return settled.outcomes;
  }

  /**
   * Writes the batch's ledger entries before the deliveries are settled with the broker. When the
   * database cannot take them, they go through the broker instead; if that fails too, the whole
   * batch is redelivered, so an acked delivery always reaches the ledger.
   */
  private async recordLedger(settled: SettledBatch): Promise<void> {
    // A `passed` mark is only ever recorded for a row the admission transaction inserted, and that
    // transaction wrote the mark with the row: writing it again would only find it final.
    const entries = settled.ledger.filter((entry) => entry.mark !== 'passed');
    if (entries.length === 0) return;
    try {
      await this.step('ledger', () => this.ledgerItems.record(entries));
    } catch {
      await this.ledgerSettlements.defer(entries);
    }
  }

  private async check(deliveries: Array<Delivery<InboundItem>>, ledger: BatchLedger): Promise<void> {
    const items = deliveries.map((delivery, index) => ({ index, item: delivery.envelope.data }));
    // Known before any query, so the ledger can count these even when the database never answers.
    for (const { index, item } of items) if (item.integration_id !== undefined) ledger.claim(index, item.integration_id);
    const integrations = await this.step('integrations', () =>
      this.integrations.loadForBatch(
        unique(items.map(({ item }) => item.integration_id)),
        unique(items.map(({ item }) => (item.integration_id === undefined ? item.slack_team_id : undefined))),
      ),
    );
    const routed = routeCandidates(items, integrations);
    for (const candidate of routed.candidates) ledger.claim(candidate.deliveryIndex, candidate.integration.id);
    for (const index of routed.unusable) ledger.fail(index, { reason: 'integration_unusable', transient: false });
    for (const item of routed.unrouted) this.metrics.unrouted(item.source, 'no_connected_integration');

    const existing = await this.step('dedup', () => this.messages.findExisting(routed.candidates.map(messageKey)));
    const appended = new Map<string, { event: TimelineAppendedMessage; deliveryIndex: number }>();
    const fresh: GateCandidate[] = [];
    routed.candidates.forEach((candidate, position) => {
      const stored = existing.get(position);
      if (!stored) return fresh.push(candidate);
      ledger.record(candidate.deliveryIndex, 'duplicate_event', candidate.integration.id);
      // Only our own retry can follow a stored row whose timeline event was never confirmed.
      if (ledger.attemptOf(candidate.deliveryIndex) > 1) {
        appended.set(stored.id, { event: timelineOf(stored), deliveryIndex: candidate.deliveryIndex });
      }
    });

    const resolution = await this.resolver.resolve(fresh, integrations);
    for (const [index, failure] of resolution.failures) ledger.fail(index, { reason: failure.code, transient: failure.transient });
    for (const candidate of resolution.notMembers) {
      ledger.withdraw(candidate.deliveryIndex, candidate.integration.id);
      this.metrics.unrouted(candidate.item.source, 'not_conversation_member');
    }
    const checkable = resolution.resolved.filter(({ candidate }) => !ledger.isFailed(candidate.deliveryIndex));

    const decided = await this.step('gate', () =>
      this.gate.decide(checkable.map(({ candidate, participants }) => ({ candidate, participants, userId: candidate.integration.userId }))),
    );
    const rows: Array<{ resolved: ResolvedCandidate; row: NewMessageRow }> = [];
    // No log line per item: the batch's lines carry the same tokens as counts, and a debug call per
    // item cost about 2% of the worker's main thread even with debug off (bench/README.md).
    for (const { question: resolved, decision } of decided) {
      if (decision.outcome === 'passed') rows.push({ resolved, row: newRow(resolved, decision.matchedContactIds) });
      else ledger.record(resolved.candidate.deliveryIndex, decision.outcome, resolved.candidate.integration.id);
    }

    const inserted = await this.step('insert', (deadline) =>
      this.admissions.insert(rows.map(({ resolved, row }) => ({ eventId: ledger.eventIdOf(resolved.candidate.deliveryIndex), row })), deadline),
    );
    for (const { resolved, row } of rows) {
      const stored = inserted.has(row.id);
      ledger.record(resolved.candidate.deliveryIndex, stored ? 'passed' : 'duplicate_event', resolved.candidate.integration.id);
      if (stored) appended.set(row.id, { event: timelineOf(row), deliveryIndex: resolved.candidate.deliveryIndex });
    }
    this.logger.debug(
      { candidates: routed.candidates.length, stored_before: existing.size, checked: checkable.length, admitted: rows.length, inserted: inserted.size },
      'gate batch checked',
    );
    try {
      await this.timeline.appended([...appended.values()].map(({ event }) => event));
    } catch {
      // Stored, but risk was not told: retry; the next attempt finds the rows and republishes.
      for (const { deliveryIndex } of appended.values()) ledger.fail(deliveryIndex, { reason: 'timeline_unpublished', transient: true });
    }
  }

  /**
   * Runs one database step under a deadline; any failure means the gate cannot decide. `work` gets
   * the deadline as a signal: a transaction checks it before committing, so a batch that is about
   * to be retried does not also commit in the background.
   */
  private async step<T>(name: string, work: (deadline: AbortSignal) => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const passed = new AbortController();
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        passed.abort();
        reject(new ContactBookUnavailableError(name));
      }, this.settings.queryTimeoutMs);
    });
    try {
      return await Promise.race([work(passed.signal), deadline]);
    } catch {
      throw new ContactBookUnavailableError(name);
    } finally {
      clearTimeout(timer);
    }
  }
}

function messageKey(candidate: GateCandidate): MessageKey {
  return {
    userId: candidate.integration.userId,
    source: candidate.item.source,
    externalId: candidate.item.external_id,
    slackEventId: candidate.item.slack_event_id ?? null,
  };
}

/**
 * Every field spelled out: a spread followed by more properties builds a slow dictionary-mode
 * object (about 4x the cost per row here, and slower reads when the insert collects its columns).
 */
function newRow({ candidate, participants }: ResolvedCandidate, matchedContactIds: string[]): NewMessageRow {
  const { item, integration } = candidate;
  return {
    userId: integration.userId,
    source: item.source,
    externalId: item.external_id,
    slackEventId: item.slack_event_id ?? null,
    id: randomUUID(),
    integrationId: integration.id,
    slackChannelId: item.source === 'slack' ? item.conversation.id ?? null : null,
    threadId: optionalText(item.conversation.thread_id),
    subject: optionalText(item.subject),
    bodyText: withoutNul(item.body_text),
    occurredAt: new Date(item.occurred_at),
    direction: item.direction ?? (participants.fromSelf ? 'outbound' : 'inbound'),
    matchedContactIds,
    participantsCount: participants.count,
    attachments: item.attachments?.length ? item.attachments.map((attachment) => ({ ...attachment, filename: withoutNul(attachment.filename), mime_type: withoutNul(attachment.mime_type) })) : [],
  };
}

function optionalText(text: string | null | undefined): string | null {
  return typeof text === 'string' ? withoutNul(text) : null;
}

function timelineOf(message: StoredMessageRef): TimelineAppendedMessage {
  return {
    message_id: message.id,
    user_id: message.userId,
    integration_id: message.integrationId,
    source: message.source,
    direction: message.direction,
    occurred_at: message.occurredAt.toISOString(),
    matched_contact_ids: message.matchedContactIds,
  };
}

function unique(values: ReadonlyArray<string | undefined>): string[] {
  return [...new Set(values.filter((value): value is string => value !== undefined))];
}

function summary(counts: Map<string, Map<string, number>>): Record<string, number> {
  const totals: Record<string, number> = Object.fromEntries(GATE_OUTCOMES.map((outcome) => [outcome, 0]));
  for (const bySource of counts.values()) for (const [outcome, count] of bySource) totals[outcome] = (totals[outcome] ?? 0) + count;
  return totals;
}
