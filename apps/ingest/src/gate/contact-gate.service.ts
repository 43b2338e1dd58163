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
    const keys = new Map<string, ContactBookKey>();
    for (const question of questions) {
      for (const email of question.participants.otherEmails) keys.set(pairKey(question.userId, email), { userId: question.userId, email });
    }
    const contactsByPair = new Map<string, Set<string>>();
    for (const match of await this.contactBook.match([...keys.values()])) {
      const key = pairKey(match.userId, match.email);
      const contacts = contactsByPair.get(key) ?? new Set<string>();
      contacts.add(match.contactId);
      contactsByPair.set(key, contacts);
    }
    return questions.map((question) => ({ question, decision: decideOne(question, contactsByPair) }));
  }
}

function decideOne(question: GateQuestion, contactsByPair: ReadonlyMap<string, ReadonlySet<string>>): GateDecision {
  const { participants } = question;
  if (participants.count > 0 && participants.otherCount === 0) return { outcome: 'dropped_self_user' };
  const matched = new Set<string>();
  for (const email of participants.otherEmails) {
    for (const contactId of contactsByPair.get(pairKey(question.userId, email)) ?? []) matched.add(contactId);
  }
  if (matched.size === 0) return { outcome: 'dropped_no_crm_match' };
  return { outcome: 'passed', matchedContactIds: [...matched].sort() };
}

function pairKey(userId: string, email: string): string {
  return `${userId}\u0000${email}`;
}
