import { Inject, Injectable } from '@nestjs/common';
import { BUNDLE_LIMITS, EventPublisher } from '@sentinel/messaging';
import type { gmail_v1 } from 'googleapis';
import type { InboundItem } from '../../inbound/inbound-item.event';
import { INBOUND_DELETION_EVENT, INBOUND_ITEM_EVENT } from '../../inbound/inbound.events';
import { SourceIntegrationRepository } from '../../repositories/source-integration.repository';
import { GOOGLE_SOURCE_SETTINGS, type GoogleSourceSettings } from '../google/google-client.factory';
import { statusOf } from '../google/google-error.status';
import type { SourceIntegration } from '../source-integration';
import { gmailMessageToItem } from './gmail-message.mapper';

export interface SourcePollResult {
  mode: 'full' | 'incremental';
  items: number;
  deletions: number;
}

const DAY_MS = 86_400_000;
/** Addresses per search (four terms each): Gmail queries stay well under their length limit. */
const BACKFILL_ADDRESSES_PER_QUERY = 20;

/**
 * Polls one mailbox: `history.list` from the stored history id; without one, or when Gmail no
 * longer has that history (404), a full sync bounded to the last `fullSyncDays`. Every message
 * becomes an `inbound.item` for the gate; deletions become `inbound.deletion`. The cursor moves only
 * after everything was published, so a crash repeats work (deduplicated by the gate), never skips it.
 */
@Injectable()
export class GmailSource {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly integrations: SourceIntegrationRepository,
    @Inject(GOOGLE_SOURCE_SETTINGS) private readonly settings: GoogleSourceSettings,
  ) {}

  async poll(integration: SourceIntegration, gmail: gmail_v1.Gmail): Promise<SourcePollResult> {
    const start = integration.cursor?.historyId;
    if (start) {
      try {
        return await this.incremental(integration, gmail, start);
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
    return this.full(integration, gmail);
  }

  private async incremental(integration: SourceIntegration, gmail: gmail_v1.Gmail, startHistoryId: string): Promise<SourcePollResult> {
    const added = new Set<string>();
    const deleted = new Set<string>();
    let pageToken: string | undefined;
    let historyId = startHistoryId;
    do {
      const { data } = await gmail.users.history.list({
        userId: 'me',
        startHistoryId,
        historyTypes: ['messageAdded', 'messageDeleted'],
        maxResults: 500,
        pageToken,
      });
      for (const record of data.history ?? []) {
        for (const entry of record.messagesAdded ?? []) if (entry.message?.id) added.add(entry.message.id);
        for (const entry of record.messagesDeleted ?? []) {
          if (!entry.message?.id) continue;
          added.delete(entry.message.id);
          deleted.add(entry.message.id);
        }
      }
      historyId = data.historyId ?? historyId;
      pageToken = data.nextPageToken ?? undefined;
    } while (pageToken);
    const items = await this.publishMessages(integration, gmail, [...added]);
    await this.publisher.publishBundle(INBOUND_DELETION_EVENT, [...deleted].map((id) => ({ data: { source: 'gmail', external_id: id } })));
    await this.integrations.saveCursor(integration.integrationId, { historyId });
    return { mode: 'incremental', items, deletions: deleted.size };
  }

  private async full(integration: SourceIntegration, gmail: gmail_v1.Gmail): Promise<SourcePollResult> {
    // The history id is read first: changes made while listing are picked up by the next poll.
    const { data: profile } = await gmail.users.getProfile({ userId: 'me' });
    const after = Math.floor((Date.now() - this.settings.fullSyncDays * DAY_MS) / 1000);
    const ids = await this.listIds(gmail, `after:${after}`);
    const items = await this.publishMessages(integration, gmail, ids);
    await this.integrations.saveCursor(integration.integrationId, profile.historyId ? { historyId: profile.historyId } : null);
    return { mode: 'full', items, deletions: 0 };
  }

  /**
   * Republishes the last `fullSyncDays` of messages exchanged with any of `addresses` (contacts just
   * added to the CRM): they meet the gate again, now with those contacts in the book. Messages stored
   * before count as `duplicate_event`; nothing stored is rewritten. The cursor does not move.
   */
  async backfill(integration: SourceIntegration, gmail: gmail_v1.Gmail, addresses: readonly string[]): Promise<number> {
    const after = Math.floor((Date.now() - this.settings.fullSyncDays * DAY_MS) / 1000);
    const ids = new Set<string>();
    for (let start = 0; start < addresses.length; start += BACKFILL_ADDRESSES_PER_QUERY) {
      const terms = addresses.slice(start, start + BACKFILL_ADDRESSES_PER_QUERY).flatMap((address) => ['from', 'to', 'cc', 'bcc'].map((field) => `${field}:${address}`));
      for (const id of await this.listIds(gmail, `{${terms.join(' ')}} after:${after}`)) ids.add(id);
    }
    return this.publishMessages(integration, gmail, [...ids]);
  }

  private async listIds(gmail: gmail_v1.Gmail, q: string): Promise<string[]> {
    const ids: string[] = [];
    let pageToken: string | undefined;
    do {
      const { data } = await gmail.users.messages.list({ userId: 'me', q, maxResults: 500, pageToken });
      for (const message of data.messages ?? []) if (message.id) ids.push(message.id);
      pageToken = data.nextPageToken ?? undefined;
    } while (pageToken);
    return ids;
  }

  /** Fetches each message and publishes the items in bundles (one message per `BUNDLE_LIMITS.maxEvents` items). */
  private async publishMessages(integration: SourceIntegration, gmail: gmail_v1.Gmail, ids: readonly string[]): Promise<number> {
    let published = 0;
    let pending: InboundItem[] = [];
    const flush = async () => {
      await this.publisher.publishBundle(INBOUND_ITEM_EVENT, pending.map((data) => ({ data })));
      published += pending.length;
      pending = [];
    };
    for (const id of ids) {
      let message: gmail_v1.Schema$Message;
      try {
        message = (await gmail.users.messages.get({ userId: 'me', id, format: 'full' })).data;
      } catch (error) {
        // Deleted between the listing and now: nothing to ingest.
        if (isNotFound(error)) continue;
        throw error;
      }
      // A draft was never sent: it is nobody's conversation yet.
      if (message.labelIds?.includes('DRAFT')) continue;
      const item = gmailMessageToItem(message, integration);
      if (!item) continue;
      pending.push(item);
      if (pending.length >= BUNDLE_LIMITS.maxEvents) await flush();
    }
    await flush();
    return published;
  }
}

function isNotFound(error: unknown): boolean {
  return statusOf(error) === 404;
}
