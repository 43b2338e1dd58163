import { Inject, Injectable } from '@nestjs/common';
import { EventPublisher } from '@sentinel/messaging';
import type { calendar_v3 } from 'googleapis';
import { INBOUND_DELETION_EVENT, INBOUND_ITEM_EVENT } from '../../inbound/inbound.events';
import { SourceIntegrationRepository } from '../../repositories/source-integration.repository';
import type { SourcePollResult } from '../gmail/gmail.source';
import { GOOGLE_SOURCE_SETTINGS, type GoogleSourceSettings } from '../google/google-client.factory';
import { statusOf } from '../google/google-error.status';
import type { SourceIntegration } from '../source-integration';
import { calendarEventToItem } from './calendar-event.mapper';

const DAY_MS = 86_400_000;

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

  private async list(integration: SourceIntegration, calendar: calendar_v3.Calendar, syncToken: string | undefined): Promise<SourcePollResult> {
    const result: SourcePollResult = { mode: syncToken ? 'incremental' : 'full', items: 0, deletions: 0 };
    // Google refuses timeMin together with a sync token; a full sync is bounded by it instead.
    const bound = syncToken ? { syncToken } : { timeMin: new Date(Date.now() - this.settings.fullSyncDays * DAY_MS).toISOString() };
    let pageToken: string | undefined;
    let nextSyncToken: string | undefined;
    do {
      const { data } = await calendar.events.list({ calendarId: 'primary', singleEvents: true, maxResults: 250, pageToken, ...bound });
      for (const event of data.items ?? []) {
        if (event.status === 'cancelled') {
          if (!event.id) continue;
          await this.publisher.publish(INBOUND_DELETION_EVENT, { source: 'calendar', external_id: event.id });
          result.deletions += 1;
          continue;
        }
        const item = calendarEventToItem(event, integration);
        if (!item) continue;
        await this.publisher.publish(INBOUND_ITEM_EVENT, item);
        result.items += 1;
      }
      pageToken = data.nextPageToken ?? undefined;
      nextSyncToken = data.nextSyncToken ?? undefined;
    } while (pageToken);
    await this.integrations.saveCursor(integration.integrationId, nextSyncToken ? { syncToken: nextSyncToken } : null);
    return result;
  }
}
