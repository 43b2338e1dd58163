// Test-only: the Slack event builder (a tool) produces Slack's wire format.
import { slackMessageEvent } from '@sentinel/fakes';
import { SlackPayloadInvalidError } from '../src/errors/slack-request-rejected.error';
import { decideSlackEvent } from '../src/slack/slack-event.mapper';

const base = { teamId: 'T1', eventId: 'Ev1', channel: 'C1', ts: '1763000000.000100' };

describe('decideSlackEvent', () => {
  it.each([
    ['channel', 'channel'],
    ['group', 'private_channel'],
    ['im', 'im'],
    ['mpim', 'mpim'],
  ] as const)('maps a %s message to a %s item', (channelType, kind) => {
    const decision = decideSlackEvent(slackMessageEvent({ ...base, channelType, user: 'U1', text: 'hi', threadTs: '1762999999.000001' }));
    expect(decision).toEqual({
      kind: 'item',
      eventId: 'Ev1',
      item: {
        source: 'slack',
        slack_team_id: 'T1',
        external_id: 'T1:C1:1763000000.000100',
        slack_event_id: 'Ev1',
        participants: [{ role: 'from', slack_user_id: 'U1' }],
        conversation: { kind, id: 'C1', thread_id: '1762999999.000001' },
        body_text: 'hi',
        occurred_at: '2025-11-13T02:13:20.000Z',
      },
    });
  });

  it('turns message_deleted into a deletion of the stored copy', () => {
    expect(decideSlackEvent(slackMessageEvent({ ...base, subtype: 'message_deleted', deletedTs: '1762000000.000001' }))).toEqual({
      kind: 'deletion',
      eventId: 'Ev1',
      deletion: { source: 'slack', external_id: 'T1:C1:1762000000.000001' },
    });
  });

  it.each([
    ['bot_message subtype', { subtype: 'bot_message', botId: 'B1' }, 'bot'],
    ['a bot_id on a plain message', { user: 'U1', botId: 'B1' }, 'bot'],
    ['channel_join', { subtype: 'channel_join', user: 'U1' }, 'system_subtype'],
    ['message_changed', { subtype: 'message_changed' }, 'system_subtype'],
  ])('ignores %s', (_label, extra, reason) => {
    expect(decideSlackEvent(slackMessageEvent({ ...base, ...extra }))).toEqual({ kind: 'ignored', reason });
  });

  it('keeps person subtypes such as thread_broadcast and file_share', () => {
    for (const subtype of ['thread_broadcast', 'file_share']) {
      expect(decideSlackEvent(slackMessageEvent({ ...base, subtype, user: 'U1' })).kind).toBe('item');
    }
  });

  it('ignores other event types and refuses malformed payloads', () => {
    expect(decideSlackEvent({ type: 'event_callback', team_id: 'T1', event_id: 'Ev1', event: { type: 'reaction_added' } })).toEqual({ kind: 'ignored', reason: 'unsupported_event' });
    expect(() => decideSlackEvent([])).toThrow(SlackPayloadInvalidError);
    expect(() => decideSlackEvent({ type: 'event_callback', team_id: 'T1', event_id: 'Ev1', event: { type: 'message', channel_type: 'channel', channel: 'C1' } })).toThrow(SlackPayloadInvalidError);
  });
});
