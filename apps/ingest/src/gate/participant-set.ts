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

export type AddressNormalizer = (raw: string | null | undefined) => string | null;

/** Distinct raw addresses one memo keeps; past it, addresses are normalized without being kept. */
const MEMO_LIMIT = 20_000;

/**
 * `normalizeEmail` with a memo, for one micro-batch: the user's own address, colleagues and
 * frequent contacts recur across a batch's items, and each normalization runs several regular
 * expressions. Per batch, so it holds no address longer than the batch does.
 */
export function memoizedNormalizer(): AddressNormalizer {
  const memo = new Map<string, string | null>();
  return (raw) => {
    if (typeof raw !== 'string') return null;
    let normalized = memo.get(raw);
    if (normalized === undefined) {
      normalized = normalizeEmail(raw);
      if (memo.size < MEMO_LIMIT) memo.set(raw, normalized);
    }
    return normalized;
  };
}

/**
 * Normalizes every participant and removes the user's own identities. A participant whose address
 * is unknown or invalid stays counted as "someone else" but can never match a contact.
 */
export function resolveParticipants(
  participants: readonly InboundParticipant[],
  slackEmails: ReadonlyMap<string, string | null>,
  self: SelfIdentity,
  normalize: AddressNormalizer = normalizeEmail,
): ResolvedParticipants {
  const seen = new Set<string>();
  const otherEmails: string[] = [];
  let count = 0;
  let otherCount = 0;
  let fromSelf = false;
  for (const participant of participants) {
    const rawEmail = participant.email ?? (participant.slack_user_id ? slackEmails.get(participant.slack_user_id) : undefined);
    const email = normalize(rawEmail);
    // A normalized address is its own identity: it has no ':' before its '@', so it cannot be
    // mistaken for a prefixed Slack id or unusable raw value.
    const identity = email ?? (participant.slack_user_id ? `s:${participant.slack_user_id}` : `r:${participant.email ?? ''}`);
    const isSelf =
      (participant.slack_user_id !== undefined && self.slackUserIds.has(participant.slack_user_id)) ||
      (email !== null && self.emails.has(email));
    if (participant.role === 'from' && isSelf) fromSelf = true;
    if (seen.has(identity)) continue;
    seen.add(identity);
    count += 1;
    if (isSelf) continue;
    otherCount += 1;
    // Distinct already: an address is its identity, and each identity is counted once.
    if (email) otherEmails.push(email);
  }
  return { count, otherEmails, otherCount, fromSelf };
}
