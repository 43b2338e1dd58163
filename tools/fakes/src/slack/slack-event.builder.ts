/** Slack `channel_type` values of message events. */
export type SlackChannelType = 'channel' | 'group' | 'im' | 'mpim';

export interface SlackMessageSpec {
  teamId: string;
  eventId: string;
  channel: string;
  channelType?: SlackChannelType;
  user?: string;
  text?: string;
  /** Message timestamp (`1700000000.000100`). */
  ts: string;
  threadTs?: string;
  subtype?: string;
  botId?: string;
  /** For `message_deleted`: the deleted message's ts. */
  deletedTs?: string;
  eventTime?: number;
}

/** An Events API `event_callback` carrying one `message` event, as Slack delivers it. */
export function slackMessageEvent(spec: SlackMessageSpec): Record<string, unknown> {
  const event: Record<string, unknown> = {
    type: 'message',
    channel: spec.channel,
    channel_type: spec.channelType ?? 'channel',
    ts: spec.ts,
    event_ts: spec.ts,
  };
  if (spec.user !== undefined) event.user = spec.user;
  if (spec.text !== undefined) event.text = spec.text;
  if (spec.threadTs !== undefined) event.thread_ts = spec.threadTs;
  if (spec.subtype !== undefined) event.subtype = spec.subtype;
  if (spec.botId !== undefined) event.bot_id = spec.botId;
  if (spec.deletedTs !== undefined) {
    event.deleted_ts = spec.deletedTs;
    event.hidden = true;
  }
  return {
    token: 'verification-token-unused',
    team_id: spec.teamId,
    api_app_id: 'A0FAKEAPP',
    event,
    type: 'event_callback',
    event_id: spec.eventId,
    event_time: spec.eventTime ?? Math.floor(Number(spec.ts)),
    authorizations: [{ team_id: spec.teamId, user_id: 'U0FAKEBOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

/** The `url_verification` handshake Slack sends when the Request URL is configured. */
export function slackUrlVerification(challenge: string): Record<string, unknown> {
  return { token: 'verification-token-unused', challenge, type: 'url_verification' };
}
