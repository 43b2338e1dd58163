import { parseAddressList } from '../src/sources/gmail/address-list';
import { gmailMessageToItem } from '../src/sources/gmail/gmail-message.mapper';
import { calendarEventToItem } from '../src/sources/calendar/calendar-event.mapper';

const ref = { integrationId: '00000000-0000-4000-8000-000000000001', userId: 'u1' };
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('parseAddressList', () => {
  it('splits on commas outside quotes and angle brackets and drops display names', () => {
    expect(parseAddressList('"Doe, Jane" <jane@x.com>, bob@y.com, Team <team@z.com>')).toEqual(['jane@x.com', 'bob@y.com', 'team@z.com']);
    expect(parseAddressList('undisclosed-recipients:;')).toEqual([]);
    expect(parseAddressList(undefined)).toEqual([]);
  });
});

describe('gmailMessageToItem', () => {
  it('takes every address header, the plain body, and the internal date', () => {
    const item = gmailMessageToItem(
      {
        id: 'm1',
        threadId: 't1',
        internalDate: String(Date.parse('2026-11-01T10:00:00Z')),
        payload: {
          mimeType: 'multipart/alternative',
          headers: [
            { name: 'From', value: 'Pat <pat@client.com>' },
            { name: 'To', value: 'me@ours.com' },
            { name: 'Cc', value: 'a@x.com, b@x.com' },
            { name: 'Bcc', value: 'c@x.com' },
            { name: 'Reply-To', value: 'r@x.com' },
            { name: 'Subject', value: 'Hi' },
          ],
          parts: [
            { mimeType: 'text/plain', body: { data: b64('plain') } },
            { mimeType: 'text/html', body: { data: b64('<p>html</p>') } },
          ],
        },
      },
      ref,
    );
    expect(item).toMatchObject({ source: 'gmail', external_id: 'm1', subject: 'Hi', body_text: 'plain', occurred_at: '2026-11-01T10:00:00.000Z' });
    expect(item?.conversation).toEqual({ kind: 'email_thread', thread_id: 't1' });
    expect(item?.participants.map((p) => `${p.role}:${p.email}`)).toEqual(['from:pat@client.com', 'to:me@ours.com', 'cc:a@x.com', 'cc:b@x.com', 'bcc:c@x.com', 'reply_to:r@x.com']);
  });

  it('converts an HTML-only body to text and ignores attachment parts', () => {
    const item = gmailMessageToItem(
      {
        id: 'm2',
        payload: {
          mimeType: 'multipart/mixed',
          headers: [{ name: 'From', value: 'pat@client.com' }, { name: 'Date', value: 'Sun, 01 Nov 2026 10:00:00 +0000' }],
          parts: [
            { mimeType: 'text/html', body: { data: b64('<div>Hello <b>there</b></div>') } },
            { mimeType: 'text/plain', filename: 'notes.txt', body: { attachmentId: 'a1', size: 3 } },
          ],
        },
      },
      ref,
    );
    expect(item?.body_text).toBe('Hello there');
    expect(item?.attachments).toEqual([{ filename: 'notes.txt', mime_type: 'text/plain', size: 3, provider_id: 'a1' }]);
    expect(item?.occurred_at).toBe('2026-11-01T10:00:00.000Z');
  });
});

describe('calendarEventToItem', () => {
  it('makes the organizer the sender and every attendee but rooms a participant', () => {
    const item = calendarEventToItem(
      {
        id: 'ev1',
        summary: 'Kickoff',
        start: { date: '2026-11-02' },
        organizer: { email: 'pat@client.com' },
        attendees: [{ email: 'me@ours.com' }, { email: 'room@resource.calendar.google.com', resource: true }],
      },
      ref,
    );
    expect(item).toMatchObject({ source: 'calendar', external_id: 'ev1', subject: 'Kickoff', occurred_at: '2026-11-02T00:00:00.000Z', body_text: '' });
    expect(item?.participants).toEqual([{ role: 'from', email: 'pat@client.com' }, { role: 'attendee', email: 'me@ours.com' }]);
    expect(calendarEventToItem({ id: 'ev2' }, ref)).toBeNull();
  });
});
