import { issueBotToken } from '@sentinel/crypto';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { IngestHarness } from './support/ingest-harness';

jest.setTimeout(60_000);

const OWNER = 'user-olga';
const OWN_ADDRESS = 'olga@ours.com';

describe('POST /bot/items (meeting bots)', () => {
  let harness: IngestHarness;
  let calendarIntegrationId: string;
  let bot: { id: string; token: string };

  /** A bot token as `sentinel bots issue` stores it: SHA-256 and lookup prefix only. */
  async function seedBot(name: string): Promise<{ id: string; token: string }> {
    const issued = issueBotToken();
    const id = randomUUID();
    await harness.db.query(`INSERT INTO bot_tokens (id, name, token_prefix, token_sha256) VALUES ($1, $2, $3, $4)`, [id, name, issued.prefix, issued.sha256]);
    return { id, token: issued.token };
  }

  const transcript = (meetingId: string, attendees: string[], owner = OWNER) => ({
    meeting_id: meetingId,
    title: 'Pricing call',
    started_at: '2026-11-20T15:00:00Z',
    attendee_emails: attendees,
    text: 'Olga: shall we talk about the renewal?',
    owner_user_id: owner,
  });
  const post = (authorization: string | undefined, body: object) => {
    const call = request(harness.service.url).post('/bot/items');
    return (authorization === undefined ? call : call.set('Authorization', authorization)).send(body);
  };
  const ledger = async () =>
    (
      await harness.db.query<{ outcome: string; count: number }>(
        `SELECT outcome, count(*)::int AS count FROM ingest_ledger_items WHERE source = 'meeting_bot' GROUP BY outcome ORDER BY outcome`,
      )
    ).rows;

  beforeAll(async () => {
    harness = await IngestHarness.start();
    const crm = await harness.insertIntegration(OWNER, 'hubspot', `portal-${randomUUID()}`, null);
    await harness.seedContact(OWNER, crm, ['pat@client.com']);
    calendarIntegrationId = await harness.insertIntegration(OWNER, 'calendar', OWN_ADDRESS, null);
    bot = await seedBot('gong-recorder');
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('SEN-ING-23 admits a transcript whose attendees include a contact and drops one whose attendees do not, through the same gate and ledger', async () => {
    const admitted = await post(`Bot ${bot.token}`, transcript('meeting-1', [OWN_ADDRESS, 'Pat@Client.com']));
    expect(admitted.status).toBe(202);
    expect(admitted.body).toEqual({ item_id: expect.any(String) });
    await harness.waitForOutcome('passed', 1, 15_000, 'meeting_bot');
    const [stored] = await harness.messages();
    expect(stored).toMatchObject({
      source: 'meeting_bot',
      user_id: OWNER,
      integration_id: calendarIntegrationId,
      external_id: `${bot.id}:meeting-1`,
      subject: 'Pricing call',
      body_text: 'Olga: shall we talk about the renewal?',
      participants_count: 2,
    });

    expect((await post(`Bot ${bot.token}`, transcript('meeting-2', [OWN_ADDRESS, 'stranger@unknown.org']))).status).toBe(202);
    await harness.waitForOutcome('dropped_no_crm_match', 1, 15_000, 'meeting_bot');
    expect((await post(`Bot ${bot.token}`, transcript('meeting-3', [OWN_ADDRESS]))).status).toBe(202);
    await harness.waitForOutcome('dropped_self_user', 1, 15_000, 'meeting_bot');
    expect((await post(`Bot ${bot.token}`, transcript('meeting-1', [OWN_ADDRESS, 'pat@client.com']))).status).toBe(202);
    await harness.waitForOutcome('duplicate_event', 1, 15_000, 'meeting_bot');

    expect(await harness.messageCount()).toBe(1);
    expect(await ledger()).toEqual([
      { outcome: 'dropped_no_crm_match', count: 1 },
      { outcome: 'dropped_self_user', count: 1 },
      { outcome: 'duplicate_event', count: 1 },
      { outcome: 'passed', count: 1 },
    ]);
    expect((await harness.db.query(`SELECT last_used_at FROM bot_tokens WHERE id = $1`, [bot.id])).rows[0]?.last_used_at).not.toBeNull();
  });

  it('answers 422 for an owner without a connected integration and 400 for a malformed transcript, queueing nothing', async () => {
    const before = await ledger();
    const unknownOwner = await post(`Bot ${bot.token}`, transcript('meeting-9', ['pat@client.com'], 'user-nobody'));
    expect(unknownOwner.status).toBe(422);
    expect(unknownOwner.body).toEqual({ error: 'bot_owner_not_connected' });
    for (const body of [
      transcript('meeting-9', []),
      transcript('meeting-9', ['not-an-address']),
      { ...transcript('meeting-9', ['pat@client.com']), started_at: 'yesterday' },
      { ...transcript('meeting 9', ['pat@client.com']) },
      { ...transcript('meeting-9', ['pat@client.com']), tenant_id: 'other' },
    ]) {
      expect((await post(`Bot ${bot.token}`, body)).status).toBe(400);
    }
    expect(await ledger()).toEqual(before);
  });

  it('SEN-ING-26 answers 400 for an owner_user_id with a control character (a NUL was a 503 from the owner lookup), queueing nothing', async () => {
    const before = await ledger();
    for (const owner of [`${OWNER}\u0000`, `${OWNER}\n`, `\u0007${OWNER}`]) {
      const response = await post(`Bot ${bot.token}`, transcript('meeting-nul', ['pat@client.com'], owner));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: 'validation_failed', message: 'Invalid owner_user_id.' });
    }
    expect(await ledger()).toEqual(before);
  });

  it.each([
    ['no Authorization header', () => undefined, 'missing_token'],
    ['a Bearer token', () => `Bearer ${bot.token}`, 'malformed_token'],
    ['a token of the wrong shape', () => 'Bot not-a-bot-token', 'malformed_token'],
    ['a well-formed token nobody issued', () => `Bot sbt_${randomBytes(32).toString('base64url')}`, 'invalid_token'],
    ['a known prefix with the wrong secret', () => `Bot ${bot.token.slice(0, 12)}${randomBytes(32).toString('base64url').slice(0, 35)}`, 'invalid_token'],
  ])('SEN-ING-21 answers 401 for %s', async (_case, authorization, reason) => {
    const before = await ledger();
    const response = await post(authorization(), transcript('meeting-401', ['pat@client.com']));
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: 'bot_token_rejected', reason });
    expect(response.headers['www-authenticate']).toBe('Bot');
    expect(await ledger()).toEqual(before);
  });

  it('SEN-ING-21 answers 401 for a revoked token', async () => {
    const revoked = await seedBot('fireflies');
    expect((await post(`Bot ${revoked.token}`, transcript('meeting-r1', ['pat@client.com']))).status).toBe(202);
    await harness.db.query(`UPDATE bot_tokens SET revoked_at = now() WHERE id = $1`, [revoked.id]);
    const response = await post(`Bot ${revoked.token}`, transcript('meeting-r2', ['pat@client.com']));
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: 'bot_token_rejected', reason: 'invalid_token' });
  });

  it('SEN-ING-22 answers 429 with Retry-After on the 31st failure from one IP and token prefix, other prefixes unaffected', async () => {
    const guess = () => `Bot sbt_QQQQ${randomBytes(32).toString('base64url').slice(0, 39)}`;
    for (let attempt = 1; attempt <= 30; attempt++) {
      expect((await post(guess(), transcript('meeting-429', ['pat@client.com']))).status).toBe(401);
    }
    const limited = await post(guess(), transcript('meeting-429', ['pat@client.com']));
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ error: 'too_many_failed_attempts', message: expect.any(String) });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await post(`Bot ${bot.token}`, transcript('meeting-after-429', ['pat@client.com']))).status).toBe(202);
  });
});
