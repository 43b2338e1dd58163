import { Inject, Injectable } from '@nestjs/common';
import { EventPublisher } from '@sentinel/messaging';
import { normalizeEmail } from '@sentinel/providers';
import type { calendar_v3 } from 'googleapis';
import type { InboundDeletion } from '../../inbound/inbound-deletion.event';
import type { InboundItem } from '../../inbound/inbound-item.event';
import { INBOUND_DELETION_EVENT, INBOUND_ITEM_EVENT } from '../../inbound/inbound.events';
import { SourceIntegrationRepository } from '../../repositories/source-integration.repository';
import type { SourcePollResult } from '../gmail/gmail.source';
import { GOOGLE_SOURCE_SETTINGS, type GoogleSourceSettings } from '../google/google-client.factory';
import { statusOf } from '../google/google-error.status';
import type { SourceIntegration } from '../source-integration';
import { calendarEventToItem } from './calendar-event.mapper';

const DAY_MS = 86_400_000;
/** Pages of one retroactive search (250 events each): a runaway match cannot hold the worker. */
const BACKFILL_MAX_PAGES = 4;

/**
 * Polls one primary calendar with sync tokens: the changes since the stored token, or, without one
 * or when Google answers 410 Gone, a full listing from `fullSyncDays` ago. Confirmed events become
 * `inbound.item`s; cancelled ones remove our copy (`inbound.deletion`). The token is stored only
 * after the last page was published.
 */
@Injectable()
export class CalendarSource {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly integrations: SourceIntegrationRepository,
    @Inject(GOOGLE_SOURCE_SETTINGS) private readonly settings: GoogleSourceSettings,
  ) {}

  async poll(integration: SourceIntegration, calendar: calendar_v3.Calendar): Promise<SourcePollResult> {
    const syncToken = integration.cursor?.syncToken;
    if (syncToken) {
      try {
        return await this.list(integration, calendar, syncToken);
      } catch (error) {
        if (statusOf(error) !== 410) throw error;
        await this.integrations.saveCursor(integration.integrationId, null);
      }
    }
    return this.list(integration, calendar, undefined);
  }

  /**
   * Republishes the events within `fullSyncDays` either side of now that `addresses` (contacts just
   * added to the CRM) organize or attend: one read-only `events.list` search (`q`) per address,
   * bounded in time and pages. Google's `q` is free text, so only events that really name one of the
   * addresses as organizer or attendee go on to the gate. Events stored before count as
   * `duplicate_event`; nothing stored is rewritten. The sync token does not move.
   */
  async backfill(integration: SourceIntegration, calendar: calendar_v3.Calendar, addresses: readonly string[]): Promise<number> {
    const wanted = new Set(addresses.map((address) => normalizeEmail(address)).filter((address): address is string => address !== null));
    const now = Date.now();
    const window = { timeMin: new Date(now - this.settings.fullSyncDays * DAY_MS).toISOString(), timeMax: new Date(now + this.settings.fullSyncDays * DAY_MS).toISOString() };
    const seen = new Set<string>();
    let published = 0;
    for (const address of wanted) {
      let pageToken: string | undefined;
      let pages = 0;
      do {
        const { data } = await calendar.events.list({ calendarId: 'primary', q: address, singleEvents: true, maxResults: 250, pageToken, ...window });
        const items: InboundItem[] = [];
        for (const event of data.items ?? []) {
          if (!event.id || seen.has(event.id) || event.status === 'cancelled' || !namesAny(event, wanted)) continue;
          seen.add(event.id);
          const item = calendarEventToItem(event, integration);
          if (item) items.push(item);
        }
        await this.publisher.publishBundle(INBOUND_ITEM_EVENT, items.map((data) => ({ data })));
        published += items.length;
        pageToken = data.nextPageToken ?? undefined;
        pages += 1;
      } while (pageToken && pages < BACKFILL_MAX_PAGES);
    }
    return published;
  }

  private async list(integration: SourceIntegration, calendar: calendar_v3.Calendar, syncToken: string | undefined): Promise<SourcePollResult> {
    const result: SourcePollResult = { mode: syncToken ? 'incremental' : 'full', items: 0, deletions: 0 };
    // Google refuses timeMin together with a sync token; a full sync is bounded by it instead.
    const bound = syncToken ? { syncToken } : { timeMin: new Date(Date.now() - this.settings.fullSyncDays * DAY_MS).toISOString() };
    let pageToken: string | undefined;
    let nextSyncToken: string | undefined;
    do {
      const { data } = await calendar.events.list({ calendarId: 'primary', singleEvents: true, maxResults: 250, pageToken, ...bound });
      const items: InboundItem[] = [];
      const deletions: InboundDeletion[] = [];
      for (const event of data.items ?? []) {
        if (event.status !== 'cancelled') {
          const item = calendarEventToItem(event, integration);
          if (item) items.push(item);
        } else if (event.id) {
          deletions.push({ source: 'calendar', external_id: event.id });
        }
      }
      // A page's items are published in bundles, its deletions after them.
      await this.publisher.publishBundle(INBOUND_ITEM_EVENT, items.map((data) => ({ data })));
      await this.publisher.publishBundle(INBOUND_DELETION_EVENT, deletions.map((data) => ({ data })));
      result.items += items.length;
      result.deletions += deletions.length;
      pageToken = data.nextPageToken ?? undefined;
      nextSyncToken = data.nextSyncToken ?? undefined;
    } while (pageToken);
    await this.integrations.saveCursor(integration.integrationId, nextSyncToken ? { syncToken: nextSyncToken } : null);
    return result;
  }
}

/** Whether one of `addresses` organizes or attends the event. */
function namesAny(event: calendar_v3.Schema$Event, addresses: ReadonlySet<string>): boolean {
  const people = [event.organizer?.email, ...(event.attendees ?? []).map((attendee) => attendee.email)];
  return people.some((email) => {
    const normalized = normalizeEmail(email);
    return normalized !== null && addresses.has(normalized);
  });
}
