import { randomUUID } from 'node:crypto';
import type { ChaosScale } from './chaos-scale';

/** The outcomes the ingestion ledger settles a delivery with. */
export const LEDGER_OUTCOMES = ['passed', 'dropped_no_crm_match', 'dropped_self_user', 'fail_closed', 'duplicate_event'] as const;
export type LedgerOutcome = (typeof LEDGER_OUTCOMES)[number];

/** The mailbox every item belongs to (a Gmail integration of one user). */
export interface ChaosMailbox {
  integrationId: string;
  userId: string;
  selfEmail: string;
}

/** An inbound item in the wire shape Gmail's source publishes (InboundItem). */
export interface ChaosItem {
  source: 'gmail';
  integration_id: string;
  user_id: string;
  external_id: string;
  participants: Array<{ role: 'from' | 'to' | 'cc'; email: string }>;
  conversation: { kind: 'email_thread'; thread_id: string };
  subject: string;
  body_text: string;
  occurred_at: string;
}

export interface ChaosDelivery {
  /** The envelope id: the ledger's key for this delivery. */
  eventId: string;
  item: ChaosItem;
  /** The one outcome this delivery may settle with, when the item is not admissible. */
  drop?: Exclude<LedgerOutcome, 'passed' | 'duplicate_event' | 'fail_closed'>;
}

export interface ChaosWorkload {
  /** Contact i's (normalized) address is contactEmails[i]. */
  contactEmails: string[];
  /** Every envelope to publish, duplicates included, in publishing order. */
  deliveries: ChaosDelivery[];
  /** The truth the over-admission check uses: each item's participants other than the user, normalized. */
  participants: Array<{ externalId: string; email: string }>;
  /** Ledger totals a fault-free, loss-free run must reach. */
  expected: Record<LedgerOutcome, number>;
}

/** Every tenth inadmissible item has only the user's own addresses; the others only strangers. */
const SELF_ONLY_EVERY = 10;
const SEED = 0x5e17;

/**
 * Builds the chaos run's items. Admissible items name a contact in a form the gate must normalize
 * (display name, mixed case); inadmissible ones name strangers or only the user. A duplicate is the
 * same item under a new envelope id, for a seeded random tenth of the items (admissible or not),
 * placed anywhere in the stream, sometimes in the same batch as the original: the gate sees the
 * race as well as the replay.
 */
export function buildWorkload(scale: ChaosScale, mailbox: ChaosMailbox): ChaosWorkload {
  const contactEmails = Array.from({ length: scale.contacts }, (_, index) => `contact${index}@client.example.com`);
  const admittedEvery = Math.round(1 / scale.admissibleShare);
  const random = seededRandom(SEED);
  const indexes = Array.from({ length: scale.items }, (_, index) => index);
  const duplicated = new Set(shuffled(indexes, random).slice(0, Math.round(scale.items * scale.duplicateShare)));
  const deliveries: ChaosDelivery[] = [];
  const participants: ChaosWorkload['participants'] = [];
  const expected = Object.fromEntries(LEDGER_OUTCOMES.map((outcome) => [outcome, 0])) as Record<LedgerOutcome, number>;
  let inadmissible = 0;

  for (let index = 0; index < scale.items; index += 1) {
    const externalId = `chaos-${index}`;
    const colleague = `colleague${index % 50}@ours-other.example.com`;
    let from: string;
    let drop: ChaosDelivery['drop'];
    if (index % admittedEvery === 0) {
      const contact = (index * 7) % scale.contacts;
      from = `"Contact ${contact}" <Contact${contact}@Client.Example.com>`;
      participants.push({ externalId, email: contactEmails[contact] as string }, { externalId, email: colleague });
    } else if ((inadmissible += 1) % SELF_ONLY_EVERY === 0) {
      from = mailbox.selfEmail.toUpperCase();
      drop = 'dropped_self_user';
    } else {
      from = `stranger${index}@elsewhere.example.org`;
      drop = 'dropped_no_crm_match';
      participants.push({ externalId, email: from }, { externalId, email: colleague });
    }
    const item: ChaosItem = {
      source: 'gmail',
      integration_id: mailbox.integrationId,
      user_id: mailbox.userId,
      external_id: externalId,
      participants: [
        { role: 'from', email: from },
        { role: 'to', email: mailbox.selfEmail },
        ...(drop === 'dropped_self_user' ? [] : [{ role: 'cc' as const, email: colleague }]),
      ],
      conversation: { kind: 'email_thread', thread_id: `thread-${index % 500}` },
      subject: `Subject ${index}`,
      body_text: `Body of message ${index}. `.repeat(10),
      occurred_at: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString(),
    };
    const copies = duplicated.has(index) ? 2 : 1;
    for (let copy = 0; copy < copies; copy += 1) deliveries.push({ eventId: randomUUID(), item, drop });
    if (drop) expected[drop] += copies;
    else {
      expected.passed += 1;
      expected.duplicate_event += copies - 1;
    }
  }
  return { contactEmails, deliveries: shuffled(deliveries, random), participants, expected };
}

/** mulberry32: a small seeded generator, so every run picks and orders the same items. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Fisher-Yates. */
function shuffled<T>(values: readonly T[], random: () => number): T[] {
  const result = [...values];
  for (let index = result.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [result[index], result[other]] = [result[other] as T, result[index] as T];
  }
  return result;
}
