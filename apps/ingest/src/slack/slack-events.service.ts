import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventPublisher } from '@sentinel/messaging';
import { SlackPayloadInvalidError, SlackRequestRejectedError } from '../errors/slack-request-rejected.error';
import { INBOUND_DELETION_EVENT, INBOUND_ITEM_EVENT } from '../inbound/inbound.events';
import { IngestMetrics } from '../metrics/ingest.metrics';
import { decideSlackEvent } from './slack-event.mapper';
import { SlackSignatureVerifier, type SlackSignedRequest } from './slack-signature.verifier';

export const SLACK_SIGNATURE_VERIFIER = Symbol('SLACK_SIGNATURE_VERIFIER');

export type SlackEventsAnswer = { challenge: string } | { ok: true };

/**
 * The Slack receiver's whole job: verify, then enqueue with a publisher confirm. No database, no
 * Slack API call: the broker absorbs bursts and outages, the worker does the checking.
 */
@Injectable()
export class SlackEventsService {
  private readonly logger = new Logger(SlackEventsService.name);

  constructor(
    @Inject(SLACK_SIGNATURE_VERIFIER) private readonly verifier: SlackSignatureVerifier,
    private readonly publisher: EventPublisher,
    private readonly metrics: IngestMetrics,
  ) {}

  async receive(request: SlackSignedRequest): Promise<SlackEventsAnswer> {
    let rawBody: Buffer;
    try {
      rawBody = this.verifier.verify(request);
    } catch (error) {
      if (error instanceof SlackRequestRejectedError) {
        this.metrics.slackRequest('rejected', error.reason);
        this.logger.warn({ reason: error.reason }, 'slack request rejected');
      }
      throw error;
    }
    const decision = decideSlackEvent(parseJson(rawBody));
    switch (decision.kind) {
      case 'url_verification':
        this.metrics.slackRequest('url_verification', 'handshake');
        return { challenge: decision.challenge };
      case 'ignored':
        this.metrics.slackRequest('ignored', decision.reason);
        return { ok: true };
      case 'deletion':
        // A stable id per Slack event: Slack's retries of one event carry the same envelope id.
        await this.publisher.publish(INBOUND_DELETION_EVENT, decision.deletion, { id: `slack:${decision.eventId}` });
        this.metrics.slackRequest('accepted', 'deletion');
        return { ok: true };
      case 'item':
        await this.publisher.publish(INBOUND_ITEM_EVENT, decision.item, {
          id: `slack:${decision.eventId}`,
          occurredAt: new Date(decision.item.occurred_at),
        });
        this.metrics.slackRequest('accepted', 'message');
        return { ok: true };
    }
  }
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new SlackPayloadInvalidError();
  }
}
