import type { calendar_v3 } from 'googleapis';
import { convert } from 'html-to-text';
import type { InboundItem, InboundParticipant } from '../../inbound/inbound-item.event';
import type { SourceRef } from '../source-integration';

const MAX_BODY = 200_000;

/**
 * A calendar event as an inbound item: the organizer as `from`, every attendee as `attendee`, the
 * summary as subject and the description (often HTML) as text. Null for an event without an id or
 * a start (it cannot be placed on a timeline).
 */
export function calendarEventToItem(event: calendar_v3.Schema$Event, ref: SourceRef): InboundItem | null {
  const start = event.start?.dateTime ?? (event.start?.date ? `${event.start.date}T00:00:00Z` : undefined);
  if (!event.id || !start) return null;
  const participants: InboundParticipant[] = [];
  if (event.organizer?.email) participants.push({ role: 'from', email: event.organizer.email });
  for (const attendee of event.attendees ?? []) {
    if (attendee.email && !attendee.resource) participants.push({ role: 'attendee', email: attendee.email });
  }
  return {
    source: 'calendar',
    integration_id: ref.integrationId,
    user_id: ref.userId,
    external_id: event.id,
    participants,
    conversation: { kind: 'calendar_event', id: event.iCalUID?.slice(0, 256) ?? undefined },
    subject: event.summary?.slice(0, 2_000) ?? undefined,
    body_text: event.description ? convert(event.description, { wordwrap: false }).slice(0, MAX_BODY) : '',
    occurred_at: new Date(start).toISOString(),
  };
}
