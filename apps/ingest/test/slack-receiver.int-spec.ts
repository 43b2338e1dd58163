// Test-only: the Slack fake (a tool) stands in for Slack in-process.
import { SlackEventSender, slackMessageEvent, slackSignature, slackUrlVerification } from '@sentinel/fakes';
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

  describe('served ahead of the Express stack, with the contract every route has', () => {
    const url = () => `${harness.service.url}/slack/events`;

    it('refuses a body over 100 KB with 413 and the structured error, before checking anything, queueing nothing', async () => {
      const before = await deliveries();
      const ids = nextSlackIds();
      const oversize = JSON.stringify(slackMessageEvent({ teamId: TEAM, eventId: ids.eventId, channel: 'C1', user: 'U1', text: 'A'.repeat(110_000), ts: ids.ts }));
      const response = await harness.sender.send(oversize);
      expect(response.status).toBe(413);
      expect(JSON.parse(response.body)).toEqual({ error: 'payload_too_large', message: 'The request body is too large.' });
      // The connection stays usable: the next delivery on it is answered.
      expect((await harness.sender.send(slackUrlVerification('after-413'))).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await deliveries()).toBe(before);
    });

    it('refuses a compressed body with 415 (Slack signs the bytes it sends, uncompressed)', async () => {
      const response = await harness.sender.send(slackUrlVerification('gzip'), { headers: { 'content-encoding': 'gzip' } });
      expect(response.status).toBe(415);
      expect(JSON.parse(response.body)).toMatchObject({ error: 'unsupported_media_type' });
    });

    it('answers with a request id (the caller\'s when it is a plain token), JSON content type, and counts the request by route', async () => {
      const countedBefore = await harness.counter('http_requests_total', { route: '/slack/events', status: '200' });
      const own = await fetch(url(), { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'slack-req-0001' }, body: '{}' });
      expect(own.status).toBe(401);
      expect(own.headers.get('x-request-id')).toBe('slack-req-0001');
      expect(own.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const hostile = await fetch(url(), { method: 'POST', headers: { 'x-request-id': 'bad id\twith spaces' }, body: '{}' });
      expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const answered = await harness.sender.send(slackUrlVerification('counted'));
      expect(answered.status).toBe(200);
      expect(await harness.counter('http_requests_total', { route: '/slack/events', status: '200' })).toBe(countedBefore + 1);
      expect(await harness.counter('http_requests_total', { route: '/slack/events', status: '401' })).toBeGreaterThanOrEqual(2);
    });

    it('serves the Request URL with a query string; other methods and paths stay with the router', async () => {
      const withQuery = new SlackEventSender(`${url()}?source=slack`, SIGNING_SECRET);
      expect(JSON.parse((await withQuery.send(slackUrlVerification('query'))).body)).toEqual({ challenge: 'query' });
      expect((await fetch(url())).status).toBe(404);
      expect((await fetch(`${url()}/extra`, { method: 'POST', body: '{}' })).status).toBe(404);
    });

    it('is listed in the OpenAPI document', async () => {
      const document = (await (await fetch(`${harness.service.url}/docs/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
      expect(Object.keys(document.paths['/slack/events'])).toEqual(['post']);
    });
  });

  it('SEN-ING-24 wrote no marker of the bodies above (accepted, refused or ignored) to a log line or a metric', () => canary.expectNoLeaks());
});
