import { DEMO_CALENDAR_EVENTS, DEMO_GMAIL_MESSAGES, DEMO_MAIL_ALIAS, DEMO_MAILBOX } from './demo-scenario';
import { requestJson } from './http-json.client';

const DAY_MS = 86_400_000;

/** The analyst's mailbox (with a send-as alias) and calendar in the Google fake; idempotent there by id. */
export async function seedGoogleWorkspace(fakesUrl: string, now = new Date()): Promise<void> {
  const post = (path: string, body: object) => requestJson(`${fakesUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
  await post('/google/aliases', { account: DEMO_MAILBOX, address: DEMO_MAIL_ALIAS });
  for (const { daysAgo, expected: _expected, ...message } of DEMO_GMAIL_MESSAGES) {
    await post('/google/messages', { ...message, account: DEMO_MAILBOX, date: new Date(now.getTime() - daysAgo * DAY_MS).toISOString() });
  }
  for (const event of DEMO_CALENDAR_EVENTS) {
    await post('/google/events', {
      account: DEMO_MAILBOX,
      id: event.id,
      summary: event.summary,
      start: new Date(now.getTime() + event.daysFromNow * DAY_MS).toISOString(),
      organizer: event.organizer,
      attendees: event.attendees.map((email) => ({ email })),
    });
  }
}

/** Moves the events the scenario reschedules by an hour: Calendar sends each change again. */
export async function rescheduleEvents(fakesUrl: string, now = new Date()): Promise<number> {
  const moved = DEMO_CALENDAR_EVENTS.filter((event) => event.rescheduled);
  for (const event of moved) {
    const start = new Date(now.getTime() + event.daysFromNow * DAY_MS + 3_600_000);
    await requestJson(`${fakesUrl}/google/events/reschedule`, { method: 'POST', body: JSON.stringify({ account: DEMO_MAILBOX, id: event.id, start: start.toISOString() }) });
  }
  return moved.length;
}
