import { Injectable } from '@nestjs/common';
import { ContactBookRepository, type ContactBookKey } from '../repositories/contact-book.repository';
import type { ResolvedParticipants } from './participant-set';

export interface GateQuestion {
  userId: string;
  participants: ResolvedParticipants;
}

export type GateDecision =
  | { outcome: 'passed'; matchedContactIds: string[] }
  | { outcome: 'dropped_no_crm_match' | 'dropped_self_user' };

/**
 * The rule the product rests on: an item is admitted only if at least one participant other than
 * the user is an address of a live CRM contact of that user. One contact-book query answers a
 * whole batch; any error propagates, so the caller fails closed instead of admitting.
 */
@Injectable()
export class ContactGateService {
  constructor(private readonly contactBook: ContactBookRepository) {}

  async decide<T extends GateQuestion>(questions: readonly T[]): Promise<Array<{ question: T; decision: GateDecision }>> {
    const asked = new Map<string, Set<string>>();
    for (const question of questions) {
      let emails = asked.get(question.userId);
      if (!emails) asked.set(question.userId, (emails = new Set()));
      for (const email of question.participants.otherEmails) emails.add(email);
    }
    const keys: ContactBookKey[] = [];
    for (const [userId, emails] of asked) for (const email of emails) keys.push({ userId, email });
    const book: ContactsByUser = new Map();
    for (const match of await this.contactBook.match(keys)) {
      let byEmail = book.get(match.userId);
      if (!byEmail) book.set(match.userId, (byEmail = new Map()));
      const contacts = byEmail.get(match.email);
      if (contacts) contacts.push(match.contactId);
      else byEmail.set(match.email, [match.contactId]);
    }
    return questions.map((question) => ({ question, decision: decideOne(question, book.get(question.userId)) }));
  }
}

/** The contacts found for each asked address, by user (nested maps: no composite key per lookup). */
type ContactsByUser = Map<string, Map<string, string[]>>;

function decideOne(question: GateQuestion, book: ReadonlyMap<string, readonly string[]> | undefined): GateDecision {
  const { participants } = question;
  if (participants.count > 0 && participants.otherCount === 0) return { outcome: 'dropped_self_user' };
  const matched = new Set<string>();
  for (const email of participants.otherEmails) {
    for (const contactId of book?.get(email) ?? []) matched.add(contactId);
  }
  if (matched.size === 0) return { outcome: 'dropped_no_crm_match' };
  return { outcome: 'passed', matchedContactIds: [...matched].sort() };
}
