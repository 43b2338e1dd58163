import { randomBytes } from 'node:crypto';

export interface FakeGmailAttachment {
  filename: string;
  mimeType: string;
  data: Buffer;
}

/** A message as a test seeds it; the fake renders Gmail's MIME tree from it. */
export interface FakeGmailMessageSeed {
  /** A fixed Gmail id (a demo seeded twice keeps its ids); random when absent. */
  id?: string;
  from: string;
  to?: string[];
  cc?: string[];
  bcc?: string[];
  replyTo?: string;
  subject?: string;
  date?: Date;
  text?: string;
  html?: string;
  attachments?: FakeGmailAttachment[];
  threadId?: string;
  labelIds?: string[];
}

export interface FakeGmailMessage extends Required<Omit<FakeGmailMessageSeed, 'id' | 'replyTo' | 'text' | 'html'>> {
  id: string;
  replyTo?: string;
  text?: string;
  html?: string;
  historyId: number;
  /** Attachment ids by position in `attachments`. */
  attachmentIds: string[];
}

export type FakeHistoryKind = 'messageAdded' | 'messageDeleted';

export interface FakeHistoryRecord {
  id: number;
  kind: FakeHistoryKind;
  messageId: string;
  threadId: string;
}

/**
 * One Gmail mailbox: messages, a history log with a retention floor (Gmail keeps about a week;
 * tests move the floor with `expireHistory`), and the last `users.watch` request.
 */
export class FakeMailbox {
  readonly messages = new Map<string, FakeGmailMessage>();
  readonly history: FakeHistoryRecord[] = [];
  historyId = 1_000;
  /** The oldest startHistoryId still answered; older ones get 404. */
  historyFloor = 1_000;
  watch?: { topicName: string; labelIds: string[] };
  /** Send-as aliases besides the primary address (`users.settings.sendAs`). */
  readonly aliases: Array<{ address: string; verificationStatus: 'accepted' | 'pending' }> = [];

  constructor(readonly address: string) {}

  addAlias(address: string, verificationStatus: 'accepted' | 'pending' = 'accepted'): void {
    this.aliases.push({ address, verificationStatus });
  }

  add(seed: FakeGmailMessageSeed): FakeGmailMessage {
    this.historyId += 1;
    const id = seed.id ?? randomBytes(8).toString('hex');
    const message: FakeGmailMessage = {
      id,
      threadId: seed.threadId ?? id,
      from: seed.from,
      to: seed.to ?? [],
      cc: seed.cc ?? [],
      bcc: seed.bcc ?? [],
      replyTo: seed.replyTo,
      subject: seed.subject ?? '',
      date: seed.date ?? new Date(),
      text: seed.text,
      html: seed.html,
      attachments: seed.attachments ?? [],
      labelIds: seed.labelIds ?? ['INBOX'],
      historyId: this.historyId,
      attachmentIds: (seed.attachments ?? []).map(() => `ANGjdJ${randomBytes(24).toString('base64url')}`),
    };
    this.messages.set(id, message);
    this.history.push({ id: this.historyId, kind: 'messageAdded', messageId: id, threadId: message.threadId });
    return message;
  }

  delete(id: string): void {
    const message = this.messages.get(id);
    if (!message) return;
    this.messages.delete(id);
    this.historyId += 1;
    this.history.push({ id: this.historyId, kind: 'messageDeleted', messageId: id, threadId: message.threadId });
  }

  /** Forgets every history record so far: an older startHistoryId now gets 404. */
  expireHistory(): void {
    this.historyFloor = this.historyId + 1;
  }
}

export interface FakeCalendarAttendee {
  email: string;
  responseStatus?: 'needsAction' | 'declined' | 'tentative' | 'accepted';
  self?: boolean;
  organizer?: boolean;
}

export interface FakeCalendarEventSeed {
  /** A fixed event id (a demo seeded twice keeps its ids); random when absent. */
  id?: string;
  summary?: string;
  description?: string;
  start: Date;
  end?: Date;
  organizer: string;
  attendees?: FakeCalendarAttendee[];
}

export interface FakeCalendarEvent extends Omit<FakeCalendarEventSeed, 'id'> {
  id: string;
  status: 'confirmed' | 'cancelled';
  updated: Date;
  /** Change sequence number of the calendar when this event last changed. */
  seq: number;
}

/** One calendar: events with a change sequence, so a sync token is simply "changes after seq N". */
export class FakeCalendar {
  readonly events = new Map<string, FakeCalendarEvent>();
  seq = 0;
  /** Sync tokens from an older epoch are refused with 410 Gone. */
  epoch = 1;

  add(seed: FakeCalendarEventSeed): FakeCalendarEvent {
    this.seq += 1;
    const event: FakeCalendarEvent = { ...seed, id: seed.id ?? randomBytes(10).toString('hex'), status: 'confirmed', updated: new Date(), seq: this.seq };
    this.events.set(event.id, event);
    return event;
  }

  update(id: string, change: Partial<FakeCalendarEventSeed>): void {
    const event = this.mustGet(id);
    this.seq += 1;
    Object.assign(event, change, { updated: new Date(), seq: this.seq });
  }

  cancel(id: string): void {
    const event = this.mustGet(id);
    this.seq += 1;
    Object.assign(event, { status: 'cancelled', updated: new Date(), seq: this.seq });
  }

  /** Every sync token issued so far becomes invalid (Google's "full sync required"). */
  invalidateSyncTokens(): void {
    this.epoch += 1;
  }

  private mustGet(id: string): FakeCalendarEvent {
    const event = this.events.get(id);
    if (!event) throw new Error(`fake calendar: no event ${id}`);
    return event;
  }
}
