import type { FakeResponse } from '../http/fake-http.server';
import type { FakeCalendarEvent, FakeGmailMessage } from './google-fake.store';

/** Google's JSON error envelope (`{ error: { code, message, errors: [...], status } }`). */
export function googleError(code: number, status: string, reason: string, message: string): FakeResponse {
  return { status: code, body: { error: { code, message, errors: [{ message, domain: 'global', reason }], status } } };
}

export const NOT_FOUND = () => googleError(404, 'NOT_FOUND', 'notFound', 'Requested entity was not found.');

interface MessagePart {
  partId: string;
  mimeType: string;
  filename: string;
  headers: Array<{ name: string; value: string }>;
  body: { size: number; data?: string; attachmentId?: string };
  parts?: MessagePart[];
}

/** `users.messages.get` in format `full`, `metadata` or `minimal`, bodies base64url as Gmail sends them. */
export function gmailMessageWire(message: FakeGmailMessage, format: string): Record<string, unknown> {
  const base = {
    id: message.id,
    threadId: message.threadId,
    labelIds: message.labelIds,
    snippet: (message.text ?? '').slice(0, 100),
    historyId: String(message.historyId),
    internalDate: String(message.date.getTime()),
    sizeEstimate: (message.text?.length ?? 0) + (message.html?.length ?? 0) + message.attachments.reduce((sum, a) => sum + a.data.length, 0),
  };
  if (format === 'minimal') return base;
  const headers = messageHeaders(message);
  if (format === 'metadata') return { ...base, payload: { partId: '', mimeType: topMimeType(message), filename: '', headers, body: { size: 0 } } };
  return { ...base, payload: { ...mimeTree(message), headers } };
}

function messageHeaders(message: FakeGmailMessage): Array<{ name: string; value: string }> {
  return [
    { name: 'From', value: message.from },
    ...(message.to.length ? [{ name: 'To', value: message.to.join(', ') }] : []),
    ...(message.cc.length ? [{ name: 'Cc', value: message.cc.join(', ') }] : []),
    ...(message.bcc.length ? [{ name: 'Bcc', value: message.bcc.join(', ') }] : []),
    ...(message.replyTo ? [{ name: 'Reply-To', value: message.replyTo }] : []),
    { name: 'Subject', value: message.subject },
    { name: 'Date', value: rfc2822(message.date) },
    { name: 'Message-ID', value: `<${message.id}@mail.fake>` },
    { name: 'MIME-Version', value: '1.0' },
  ];
}

function topMimeType(message: FakeGmailMessage): string {
  if (message.attachments.length > 0) return 'multipart/mixed';
  return message.text !== undefined && message.html !== undefined ? 'multipart/alternative' : message.html !== undefined ? 'text/html' : 'text/plain';
}

function textPart(partId: string, mimeType: string, content: string): MessagePart {
  const data = Buffer.from(content, 'utf8');
  return {
    partId,
    mimeType,
    filename: '',
    headers: [{ name: 'Content-Type', value: `${mimeType}; charset="UTF-8"` }, { name: 'Content-Transfer-Encoding', value: 'quoted-printable' }],
    body: { size: data.length, data: data.toString('base64url') },
  };
}

function mimeTree(message: FakeGmailMessage): MessagePart {
  const texts: Array<[string, string]> = [];
  if (message.text !== undefined) texts.push(['text/plain', message.text]);
  if (message.html !== undefined) texts.push(['text/html', message.html]);
  if (texts.length === 0) texts.push(['text/plain', '']);
  const [only] = texts;
  const alternative = (prefix: string): MessagePart =>
    texts.length === 1 && only
      ? textPart(prefix, only[0], only[1])
      : {
          partId: prefix,
          mimeType: 'multipart/alternative',
          filename: '',
          headers: [{ name: 'Content-Type', value: 'multipart/alternative; boundary="alt"' }],
          body: { size: 0 },
          parts: texts.map(([type, content], index) => textPart(prefix ? `${prefix}.${index}` : String(index), type, content)),
        };
  if (message.attachments.length === 0) return alternative('');
  return {
    partId: '',
    mimeType: 'multipart/mixed',
    filename: '',
    headers: [],
    body: { size: 0 },
    parts: [
      alternative('0'),
      ...message.attachments.map((attachment, index): MessagePart => ({
        partId: String(index + 1),
        mimeType: attachment.mimeType,
        filename: attachment.filename,
        headers: [
          { name: 'Content-Type', value: `${attachment.mimeType}; name="${attachment.filename}"` },
          { name: 'Content-Disposition', value: `attachment; filename="${attachment.filename}"` },
          { name: 'Content-Transfer-Encoding', value: 'base64' },
        ],
        body: { size: attachment.data.length, attachmentId: message.attachmentIds[index] },
      })),
    ],
  };
}

/** `Tue, 18 Nov 2026 10:00:00 +0000`, as a Date header reads. */
function rfc2822(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

/** A calendar event as `events.list` returns it; a cancelled one carries little more than its id and status. */
export function calendarEventWire(event: FakeCalendarEvent): Record<string, unknown> {
  if (event.status === 'cancelled') return { kind: 'calendar#event', id: event.id, status: 'cancelled', updated: event.updated.toISOString() };
  const end = event.end ?? new Date(event.start.getTime() + 30 * 60_000);
  return {
    kind: 'calendar#event',
    etag: `"${event.seq}"`,
    id: event.id,
    status: event.status,
    htmlLink: `https://calendar.fake/event?eid=${event.id}`,
    created: event.updated.toISOString(),
    updated: event.updated.toISOString(),
    summary: event.summary,
    description: event.description,
    organizer: { email: event.organizer },
    creator: { email: event.organizer },
    start: { dateTime: event.start.toISOString(), timeZone: 'UTC' },
    end: { dateTime: end.toISOString(), timeZone: 'UTC' },
    iCalUID: `${event.id}@google.com`,
    sequence: 0,
    attendees: (event.attendees ?? []).map((attendee) => ({ responseStatus: 'needsAction', ...attendee })),
  };
}
