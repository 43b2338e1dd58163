import { normalizeEmail } from '@sentinel/providers';
import type { InboundParticipant } from '../inbound/inbound-item.event';

/** Who the user is, as far as the gate can tell: for self-exclusion and direction. */
export interface SelfIdentity {
  /** Normalized addresses of the user's own. */
  emails: ReadonlySet<string>;
  slackUserIds: ReadonlySet<string>;
}

export interface ResolvedParticipants {
  /** Distinct participants, the user included. */
  count: number;
  /** Distinct normalized addresses of the participants who are not the user. */
  otherEmails: string[];
  /** Participants who are not the user, with or without a usable address. */
  otherCount: number;
  /** Whether the sender (`from`) is the user. */
  fromSelf: boolean;
}

/**
 * Normalizes every participant and removes the user's own identities. A participant whose address
 * is unknown or invalid stays counted as "someone else" but can never match a contact.
 */
export function resolveParticipants(
  participants: readonly InboundParticipant[],
  slackEmails: ReadonlyMap<string, string | null>,
  self: SelfIdentity,
): ResolvedParticipants {
  const seen = new Set<string>();
  const otherEmails = new Set<string>();
  let count = 0;
  let otherCount = 0;
  let fromSelf = false;
  for (const participant of participants) {
    const rawEmail = participant.email ?? (participant.slack_user_id ? slackEmails.get(participant.slack_user_id) : undefined);
    const email = normalizeEmail(rawEmail);
    const identity = email ? `e:${email}` : participant.slack_user_id ? `s:${participant.slack_user_id}` : `r:${participant.email ?? ''}`;
    const isSelf =
      (participant.slack_user_id !== undefined && self.slackUserIds.has(participant.slack_user_id)) ||
      (email !== null && self.emails.has(email));
    if (participant.role === 'from' && isSelf) fromSelf = true;
    if (seen.has(identity)) continue;
    seen.add(identity);
    count += 1;
    if (isSelf) continue;
    otherCount += 1;
    if (email) otherEmails.add(email);
  }
  return { count, otherEmails: [...otherEmails], otherCount, fromSelf };
}
