// Test-only: the Slack fake (a tool) stands in for Slack in-process.
import { slackMessageEvent, slackSignature, slackUrlVerification } from '@sentinel/fakes';
import { waitFor } from '@sentinel/testing';
import { usePiiCanary } from '@sentinel/testing-services';
import { IngestHarness, nextSlackIds, PREVIOUS_SIGNING_SECRET, SIGNING_SECRET } from './support/ingest-harness';

jest.setTimeout(30_000);

const TEAM = 'T0RECV';

describe('POST /slack/events on real infrastructure', () => {
  const canary = usePiiCanary();
  let harness: IngestHarness;

  beforeAll(async () => {
    harness = await IngestHarness.start();
  }, 60_000);

  afterAll(() => harness?.close());

  const deliveries = () => harness.counter('messaging_deliveries_total', { queue: 'ingest.inbound' });

  it('answers the url_verification handshake (signed) with the challenge', async () => {
    const response = await harness.sender.send(slackUrlVerification('challenge-token-123'));
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ challenge: 'challenge-token-123' });
  });

  it('SEN-ING-12 refuses every unverifiable request with 401 and a reason token, queues nothing, and counts it', async () => {
    const ids = nextSlackIds();
    const raw = JSON.stringify(slackMessageEvent({ teamId: TEAM, eventId: ids.eventId, channel: 'C1', user: 'U1', text: `hi  there, ${canary.email('body')}`, ts: ids.ts }));
    // Each case reads the clock when it is sent, so a slow machine cannot move "301 s" inside the window.
    const cases: Array<[string, string, (now: number) => Parameters<IngestHarness['sender']['send']>[1], string?]> = [
      ['wrong secret', 'bad_signature', () => ({ secret: 'not-the-signing-secret' })],
      ['301 s old', 'stale_timestamp', (now) => ({ timestamp: now - 301 })],
      ['301 s ahead', 'stale_timestamp', (now) => ({ timestamp: now + 301 })],
      ['one byte changed', 'bad_signature', (now) => ({ headers: { 'x-slack-signature': slackSignature(SIGNING_SECRET, now, raw.replace('hi', 'ho')) }, timestamp: now })],
      ['re-serialized body', 'bad_signature', (now) => ({ headers: { 'x-slack-signature': slackSignature(SIGNING_SECRET, now, raw) }, timestamp: now }), JSON.stringify(JSON.parse(raw), null, 1)],
      ['signature of another length', 'bad_signature', () => ({ headers: { 'x-slack-signature': 'v0=abc' } })],
      ['missing signature', 'missing_headers', () => ({ headers: { 'x-slack-signature': undefined } })],
      ['missing timestamp', 'missing_headers', () => ({ headers: { 'x-slack-request-timestamp': undefined } })],
    ];
    for (const [label, reason, options, body] of cases) {
      const response = await harness.sender.send(body ?? raw, options(Math.floor(Date.now() / 1000)));
      expect({ label, status: response.status, body: JSON.parse(response.body) }).toEqual({
        label,
        status: 401,
        body: { error: 'slack_signature_rejected', reason },
      });
    }
    expect(await harness.counter('ingest_slack_requests_total', { result: 'rejected' })).toBe(cases.length);

    // A valid request sent last is a fence: once it is consumed, anything queued before it was too.
    const fence = nextSlackIds();
    const accepted = await harness.sender.send(slackMessageEvent({ teamId: TEAM, eventId: fence.eventId, channel: 'C1', user: 'U1', text: canary.text('body'), ts: fence.ts }), {
      secret: PREVIOUS_SIGNING_SECRET,
    });
    expect(accepted.status).toBe(200);
    await waitFor('the fence consumed', async () => (await deliveries()) >= 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await deliveries()).toBe(1);
    expect(await harness.messageCount()).toBe(0);
  });

  it('ignores bot and system messages with a counted reason, without queueing them', async () => {
    const before = await deliveries();
    const bot = nextSlackIds();
    const join = nextSlackIds();
    await harness.sender.send(slackMessageEvent({ teamId: TEAM, eventId: bot.eventId, channel: 'C1', ts: bot.ts, subtype: 'bot_message', botId: 'B1', text: canary.text('bot') }));
    await harness.sender.send(slackMessageEvent({ teamId: TEAM, eventId: join.eventId, channel: 'C1', ts: join.ts, subtype: 'channel_join', user: 'U1' }));
    expect(await harness.counter('ingest_slack_requests_total', { result: 'ignored', reason: 'bot' })).toBe(1);
    expect(await harness.counter('ingest_slack_requests_total', { result: 'ignored', reason: 'system_subtype' })).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await deliveries()).toBe(before);
  });

  it('answers 400 to a signed body that is not an Events API payload', async () => {
    const response = await harness.sender.send(`{"type":"event_callback","event":"${canary.marker('payload')}"}`);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ error: 'slack_payload_invalid' });
  });

  it('SEN-ING-24 wrote no marker of the bodies above (accepted, refused or ignored) to a log line or a metric', () => canary.expectNoLeaks());
});
