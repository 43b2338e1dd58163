import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { EventPublisher } from '@sentinel/messaging';
import { BotOwnerNotConnectedError } from '../errors/bot.errors';
import type { InboundItem } from '../inbound/inbound-item.event';
import { INBOUND_ITEM_EVENT } from '../inbound/inbound.events';
import type { AuthenticatedBot } from './authenticated-bot';
import { BotMetrics } from './bot.metrics';
import { BotOwnerRepository } from './bot-owner.repository';
import type { BotTranscriptDto } from './bot-transcript.dto';

export interface BotItemAccepted {
  /** The inbound event id: the item's key in the ingestion ledger. */
  item_id: string;
}

/**
 * The meeting-bot receiver: a transcript becomes an `inbound.item` on the same inbound queue as
 * every other source, so the same gate decides it (attendees against the owner's contact book,
 * the owner's own addresses excluded) with the same outcome tokens and ledger.
 */
@Injectable()
export class BotItemsService {
  constructor(
    private readonly owners: BotOwnerRepository,
    private readonly publisher: EventPublisher,
    private readonly metrics: BotMetrics,
  ) {}

  async receive(bot: AuthenticatedBot, transcript: BotTranscriptDto): Promise<BotItemAccepted> {
    const integrationId = await this.unavailableOnFailure(() => this.owners.integrationOf(transcript.owner_user_id));
    if (!integrationId) {
      this.metrics.request('rejected', 'owner_not_connected');
      throw new BotOwnerNotConnectedError();
    }
    const item: InboundItem = {
      source: 'meeting_bot',
      integration_id: integrationId,
      user_id: transcript.owner_user_id,
      // Per bot: two recorders of one meeting are two transcripts; one bot posting twice is a duplicate.
      external_id: `${bot.id}:${transcript.meeting_id}`,
      participants: transcript.attendee_emails.map((email) => ({ role: 'attendee', email })),
      conversation: { kind: 'meeting', id: transcript.meeting_id },
      subject: transcript.title,
      body_text: transcript.text,
      occurred_at: new Date(transcript.started_at).toISOString(),
    };
    const envelope = await this.unavailableOnFailure(() => this.publisher.publish(INBOUND_ITEM_EVENT, item));
    this.metrics.request('accepted', 'queued');
    return { item_id: envelope.id };
  }

  /** The bot retries a 503; nothing was queued. */
  private async unavailableOnFailure<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch {
      throw new ServiceUnavailableException({ error: 'bot_items_unavailable', message: 'The transcript could not be queued; retry later.' });
    }
  }
}
