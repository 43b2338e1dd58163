import type { gmail_v1 } from 'googleapis';
import { convert } from 'html-to-text';
import type { InboundAttachment, InboundItem, InboundParticipant, ParticipantRole } from '../../inbound/inbound-item.event';
import type { SourceRef } from '../source-integration';
import { parseAddressList } from './address-list';

const ADDRESS_HEADERS: Array<[string, ParticipantRole]> = [
  ['from', 'from'],
  ['to', 'to'],
  ['cc', 'cc'],
  ['bcc', 'bcc'],
  ['reply-to', 'reply_to'],
];
const MAX_BODY = 200_000;

/**
 * A Gmail message (format `full`) as an inbound item: ids, thread, subject, date, participants of
 * every address header, the text body (text/plain, else the HTML converted to text), and attachment
 * metadata (name, type, size, attachmentId): never attachment content.
 */
export function gmailMessageToItem(message: gmail_v1.Schema$Message, ref: SourceRef): InboundItem | null {
  if (!message.id || !message.payload) return null;
  const headers = new Map((message.payload.headers ?? []).map((header) => [(header.name ?? '').toLowerCase(), header.value ?? '']));
  const participants: InboundParticipant[] = [];
  for (const [name, role] of ADDRESS_HEADERS) {
    for (const email of parseAddressList(headers.get(name))) participants.push({ role, email });
  }
  return {
    source: 'gmail',
    integration_id: ref.integrationId,
    user_id: ref.userId,
    external_id: message.id,
    participants,
    conversation: { kind: 'email_thread', thread_id: message.threadId ?? undefined },
    subject: headers.get('subject')?.slice(0, 2_000),
    body_text: bodyText(message.payload).slice(0, MAX_BODY),
    occurred_at: occurredAt(message, headers.get('date')),
    attachments: attachmentsOf(message.payload).slice(0, 100),
  };
}

function attachmentsOf(part: gmail_v1.Schema$MessagePart): InboundAttachment[] {
  const own: InboundAttachment[] =
    part.filename && part.body?.attachmentId
      ? [{ filename: part.filename.slice(0, 255), mime_type: (part.mimeType ?? 'application/octet-stream').slice(0, 255), size: part.body.size ?? 0, provider_id: part.body.attachmentId }]
      : [];
  return [...own, ...(part.parts ?? []).flatMap(attachmentsOf)];
}

function occurredAt(message: gmail_v1.Schema$Message, dateHeader: string | undefined): string {
  const internal = Number(message.internalDate);
  const time = Number.isFinite(internal) && internal > 0 ? internal : Date.parse(dateHeader ?? '');
  return new Date(Number.isFinite(time) ? time : Date.now()).toISOString();
}

function bodyText(payload: gmail_v1.Schema$MessagePart): string {
  const plain = firstPart(payload, 'text/plain');
  if (plain) return decode(plain);
  const html = firstPart(payload, 'text/html');
  return html ? convert(decode(html), { wordwrap: false, selectors: [{ selector: 'img', format: 'skip' }] }) : '';
}

/** The first inline (non-attachment) part of a MIME type, depth first. */
function firstPart(part: gmail_v1.Schema$MessagePart, mimeType: string): gmail_v1.Schema$MessagePart | undefined {
  if (part.mimeType === mimeType && !part.filename && part.body?.data) return part;
  for (const child of part.parts ?? []) {
    const found = firstPart(child, mimeType);
    if (found) return found;
  }
  return undefined;
}

function decode(part: gmail_v1.Schema$MessagePart): string {
  return Buffer.from(part.body?.data ?? '', 'base64url').toString('utf8');
}
