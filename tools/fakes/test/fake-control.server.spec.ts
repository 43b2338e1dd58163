import { FakeControlServer, GoogleFake, HubSpotFake, SlackWebApiFake } from '../src';

describe('FakeControlServer', () => {
  const hubspot = new HubSpotFake();
  const slack = new SlackWebApiFake();
  const google = new GoogleFake();
  const control = new FakeControlServer(hubspot, slack, google);
  const post = (path: string, body: object) =>
    fetch(`${control.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    await Promise.all([hubspot.start(), slack.start(), google.start(), control.start()]);
  });

  afterAll(async () => {
    await Promise.all([control.stop(), hubspot.stop(), slack.stop(), google.stop()]);
  });

  it('seeds contacts and deals idempotently (by email, by deal name)', async () => {
    const first = (await (await post('/hubspot/contacts', { email: 'a@example.com', firstname: 'A' })).json()) as { id: string };
    const again = (await (await post('/hubspot/contacts', { email: 'a@example.com' })).json()) as { id: string };
    expect(again.id).toBe(first.id);
    await post('/hubspot/deals', { dealname: 'Deal', contactEmails: ['a@example.com'] });
    await post('/hubspot/deals', { dealname: 'Deal', contactEmails: ['a@example.com'] });
    expect([...hubspot.store.deals.values()].map((deal) => deal.contactIds)).toEqual([[first.id]]);
    expect(hubspot.store.contacts.size).toBe(1);
  });

  it("stands in for HubSpot's consent page: redirects with a code the token endpoint accepts once", async () => {
    const authorize = new URL(`${control.url}/hubspot/oauth/authorize`);
    authorize.searchParams.set('redirect_uri', 'http://127.0.0.1:9/oauth/hubspot/callback');
    authorize.searchParams.set('state', 'nonce-1');
    const response = await fetch(authorize, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('state')).toBe('nonce-1');
    const exchange = () =>
      fetch(`${hubspot.url}/oauth/v1/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code: location.searchParams.get('code') ?? '' }),
      });
    expect((await exchange()).status).toBe(200);
    expect((await exchange()).status).toBe(400);
  });

  it('registers Slack tokens, users and channel members', async () => {
    expect((await post('/slack/tokens', { token: 'xoxb-1', teamId: 'T1' })).status).toBe(204);
    expect((await post('/slack/users', { id: 'U1', email: 'u1@example.com' })).status).toBe(204);
    expect((await post('/slack/members', { channel: 'C1', userIds: ['U1'] })).status).toBe(204);
    const info = await fetch(`${slack.apiUrl}users.info`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-1', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'user=U1',
    });
    expect(await info.json()).toMatchObject({ ok: true, user: { profile: { email: 'u1@example.com' } } });
  });

  it('seeds a Gmail mailbox (aliases, messages) and a calendar idempotently by id, and reschedules an event', async () => {
    const message = { account: 'me@example.com', id: 'msg-1', from: 'a@example.com', to: ['me@example.com'], subject: 'Hi', text: 'x', date: '2026-11-20T10:00:00Z' };
    expect((await post('/google/messages', message)).status).toBe(200);
    expect((await post('/google/messages', message)).status).toBe(200);
    await post('/google/aliases', { account: 'me@example.com', address: 'alias@example.com' });
    await post('/google/aliases', { account: 'me@example.com', address: 'alias@example.com' });
    const mailbox = google.mailbox('me@example.com');
    expect([...mailbox.messages.keys()]).toEqual(['msg-1']);
    expect(mailbox.aliases).toEqual([{ address: 'alias@example.com', verificationStatus: 'accepted' }]);

    const event = { account: 'me@example.com', id: 'evt-1', summary: 'Call', start: '2026-11-21T10:00:00Z', organizer: 'me@example.com', attendees: [{ email: 'a@example.com' }] };
    await post('/google/events', event);
    await post('/google/events', event);
    const calendar = google.calendar('me@example.com');
    expect(calendar.events.size).toBe(1);
    const seq = calendar.seq;
    expect((await post('/google/events/reschedule', { account: 'me@example.com', id: 'evt-1', start: '2026-11-22T10:00:00Z' })).status).toBe(204);
    expect(calendar.events.get('evt-1')).toMatchObject({ start: new Date('2026-11-22T10:00:00Z'), seq: seq + 1 });
  });

  it('answers 404 on an unknown route and 400 on malformed JSON', async () => {
    expect((await fetch(`${control.url}/nope`)).status).toBe(404);
    expect((await fetch(`${control.url}/hubspot/contacts`, { method: 'POST', body: '{' })).status).toBe(400);
  });
});
