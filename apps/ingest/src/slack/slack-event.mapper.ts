import type { ConversationKind, InboundItem } from '../inbound/inbound-item.event';
import { SLACK_ID_PATTERN } from '../inbound/inbound-item.event';
import type { InboundDeletion } from '../inbound/inbound-deletion.event';
import { SlackPayloadInvalidError } from '../errors/slack-request-rejected.error';

const CONVERSATION_KIND_BY_CHANNEL_TYPE: Record<string, ConversationKind> = {
  channel: 'channel',
  group: 'private_channel',
  im: 'im',
  mpim: 'mpim',
};

/** Subtypes that are a person's message; any other subtype is a system notice (joins, topics, edits). */
const PERSON_MESSAGE_SUBTYPES = new Set(['thread_broadcast', 'file_share', 'me_message']);
const SLACK_TS = /^\d{1,12}\.\d{1,9}$/;

export type SlackIgnoreReason = 'bot' | 'system_subtype' | 'unsupported_event';

export type SlackEventDecision =
  | { kind: 'url_verification'; challenge: string }
  | { kind: 'item'; eventId: string; item: InboundItem }
  | { kind: 'deletion'; eventId: string; deletion: InboundDeletion }
  | { kind: 'ignored'; reason: SlackIgnoreReason };

interface SlackMessageEvent {
  type?: unknown;
  subtype?: unknown;
  channel?: unknown;
  channel_type?: unknown;
  user?: unknown;
  bot_id?: unknown;
  text?: unknown;
  ts?: unknown;
  thread_ts?: unknown;
  deleted_ts?: unknown;
}

/** The external id of a Slack message: unique per workspace, and what a deletion names. */
export function slackExternalId(teamId: string, channel: string, ts: string): string {
  return `${teamId}:${channel}:${ts}`;
}

/**
 * Turns a verified Events API payload into what the receiver enqueues, without any I/O. Bot and
 * system messages are decided here so they never reach the queue.
 */
export function decideSlackEvent(payload: unknown): SlackEventDecision {
  if (!isRecord(payload)) throw new SlackPayloadInvalidError();
  if (payload.type === 'url_verification') {
    if (typeof payload.challenge !== 'string' || payload.challenge.length > 256) throw new SlackPayloadInvalidError();
    return { kind: 'url_verification', challenge: payload.challenge };
  }
  if (payload.type !== 'event_callback') return { kind: 'ignored', reason: 'unsupported_event' };
  const { team_id: teamId, event_id: eventId, event } = payload;
  if (!isSlackId(teamId) || typeof eventId !== 'string' || !/^[A-Za-z0-9]{1,64}$/.test(eventId) || !isRecord(event)) {
    throw new SlackPayloadInvalidError();
  }
  const message = event as SlackMessageEvent;
  if (message.type !== 'message') return { kind: 'ignored', reason: 'unsupported_event' };
  const kind = typeof message.channel_type === 'string' ? CONVERSATION_KIND_BY_CHANNEL_TYPE[message.channel_type] : undefined;
  if (!kind || !isSlackId(message.channel)) throw new SlackPayloadInvalidError();

  if (message.subtype === 'message_deleted') {
    if (!isSlackTs(message.deleted_ts)) throw new SlackPayloadInvalidError();
    return { kind: 'deletion', eventId, deletion: { source: 'slack', external_id: slackExternalId(teamId, message.channel, message.deleted_ts) } };
  }
  if (message.subtype === 'bot_message' || message.bot_id !== undefined) return { kind: 'ignored', reason: 'bot' };
  if (message.subtype !== undefined && !PERSON_MESSAGE_SUBTYPES.has(String(message.subtype))) {
    return { kind: 'ignored', reason: 'system_subtype' };
  }
  if (!isSlackId(message.user) || !isSlackTs(message.ts)) throw new SlackPayloadInvalidError();

  const item: InboundItem = {
    source: 'slack',
    slack_team_id: teamId,
    external_id: slackExternalId(teamId, message.channel, message.ts),
    slack_event_id: eventId,
    participants: [{ role: 'from', slack_user_id: message.user }],
    conversation: {
      kind,
      id: message.channel,
      ...(isSlackTs(message.thread_ts) ? { thread_id: message.thread_ts } : {}),
    },
    body_text: typeof message.text === 'string' ? message.text : '',
    occurred_at: new Date(Math.floor(Number(message.ts) * 1000)).toISOString(),
  };
  return { kind: 'item', eventId, item };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSlackId(value: unknown): value is string {
  return typeof value === 'string' && SLACK_ID_PATTERN.test(value);
}

function isSlackTs(value: unknown): value is string {
  return typeof value === 'string' && SLACK_TS.test(value);
}
