import { ErrorCode, WebClient } from '@slack/web-api';
import { slackSignature } from './slack-request.signer';
import { SlackWebApiFake } from './slack-web-api.fake';

describe('SlackWebApiFake driven by the real @slack/web-api WebClient', () => {
  const fake = new SlackWebApiFake();
  let client: WebClient;

  beforeAll(async () => {
    await fake.start();
    fake.addToken('xoxb-good', 'T1');
    fake.addUser({ id: 'U1', email: 'Ann@Example.com' });
    fake.addUser({ id: 'UBOT', isBot: true });
    fake.setMembers('D1', ['U1', 'U2', 'U3']);
    client = new WebClient('xoxb-good', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
  });

  afterAll(() => fake.stop());

  it('answers users.info in Slack format and counts calls', async () => {
    fake.resetCalls();
    const answer = await client.users.info({ user: 'U1' });
    expect(answer.ok).toBe(true);
    expect(answer.user?.profile?.email).toBe('Ann@Example.com');
    expect((await client.users.info({ user: 'UBOT' })).user?.is_bot).toBe(true);
    expect(fake.calls('users.info')).toBe(2);
  });

  it('pages conversations.members with cursors', async () => {
    const first = await client.conversations.members({ channel: 'D1', limit: 2 });
    expect(first.members).toEqual(['U1', 'U2']);
    const second = await client.conversations.members({ channel: 'D1', limit: 2, cursor: first.response_metadata?.next_cursor });
    expect(second.members).toEqual(['U3']);
    expect(second.response_metadata?.next_cursor).toBe('');
  });

  it('reports token errors and unknown users as platform errors', async () => {
    const stranger = new WebClient('xoxb-unknown', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    await expect(stranger.users.info({ user: 'U1' })).rejects.toMatchObject({ code: ErrorCode.PlatformError, data: { error: 'invalid_auth' } });
    await expect(client.users.info({ user: 'UNOPE' })).rejects.toMatchObject({ data: { error: 'user_not_found' } });
    fake.addToken('xoxb-revoked', 'T1');
    fake.revokeToken('xoxb-revoked');
    const revoked = new WebClient('xoxb-revoked', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    await expect(revoked.users.info({ user: 'U1' })).rejects.toMatchObject({ data: { error: 'token_revoked' } });
  });

  it('rate-limits with 429 and Retry-After, then recovers', async () => {
    fake.setRateLimited(7, 1);
    await expect(client.users.info({ user: 'U1' })).rejects.toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 7 });
    await expect(client.users.info({ user: 'U1' })).resolves.toMatchObject({ ok: true });
  });

  it('drops connections while the network is down', async () => {
    fake.setNetworkDown(true);
    await expect(client.users.info({ user: 'U1' })).rejects.toMatchObject({ code: ErrorCode.RequestError });
    fake.setNetworkDown(false);
  });

  it('signs as Slack documents (v0 basestring, hex HMAC-SHA256)', () => {
    // Slack's published example: https://api.slack.com/authentication/verifying-requests-from-slack
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(slackSignature('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, body)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });
});
