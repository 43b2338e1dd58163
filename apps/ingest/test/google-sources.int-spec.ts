// Test-only: the Google fake (a tool) stands in for Gmail and Calendar in-process.
import { GoogleFake, GooglePushSigner } from '@sentinel/fakes';
import { waitFor } from '@sentinel/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { GoogleSourcePoller } from '../src/sources/google-source.poller';
import { googleFakeEnv, IngestHarness } from './support/ingest-harness';

jest.setTimeout(90_000);

const MAILBOX = 'olga@ours.com';
const USER = 'user-olga';
const AUDIENCE = 'https://ingest.sentinel.test/google/push';
const PUSHER = 'gmail-push@sentinel.iam.gserviceaccount.com';

describe('Gmail and Calendar sources against the Google fake, through the gate', () => {
  const google = new GoogleFake();
  let harness: IngestHarness;
  let gmailId: string;
  let calendarId: string;

  const poll = () => harness.service.app.get(GoogleSourcePoller).pollAll();
  const rows = async (source: string) => (await harness.messages()).filter((row) => row.source === source);
  const cursor = async (id: string) => (await harness.db.query(`SELECT sync_cursor FROM integrations WHERE id = $1`, [id])).rows[0]?.sync_cursor as Record<string, string> | null;

  /** A Google integration as the connect flow stores it: encrypted refresh token, no access token yet. */
  async function seedGoogle(provider: 'gmail' | 'calendar'): Promise<string> {
    const id = randomUUID();
    const refresh = harness.cipher.encrypt(google.issueRefreshToken(MAILBOX), { table: 'integrations', column: 'refresh_token', rowId: id });
    await harness.db.query(
      `INSERT INTO integrations (id, user_id, provider, status, refresh_token, external_account_id, sync_stage)
       VALUES ($1, $2, $3, 'connected', $4, $5, 'incremental_pending')`,
      [id, USER, provider, refresh, MAILBOX],
    );
    return id;
  }

  beforeAll(async () => {
    await google.start();
    harness = await IngestHarness.start({
      env: {
        ...googleFakeEnv(google),
        GOOGLE_FULL_SYNC_DAYS: '30',
        GOOGLE_PUSH_AUDIENCE: AUDIENCE,
        GOOGLE_PUSH_SERVICE_ACCOUNT: PUSHER,
        GOOGLE_PUSH_JWKS_URL: google.jwksUrl,
      },
    });
    const crm = await harness.insertIntegration(USER, 'hubspot', `portal-${randomUUID()}`, null);
    await harness.seedContact(USER, crm, ['pat@client.com']);
    gmailId = await seedGoogle('gmail');
    calendarId = await seedGoogle('calendar');
  });

  afterAll(async () => {
    await harness?.close();
    await google.stop();
  });

  it('SEN-ING-16 runs a bounded full sync, then follows history, and falls back to a full sync when history expired', async () => {
    const mailbox = google.mailbox(MAILBOX);
    mailbox.add({ from: 'pat@client.com', to: [MAILBOX], subject: 'too old', text: 'x', date: new Date(Date.now() - 45 * 86_400_000) });
    mailbox.add({
      from: '"Client, Pat" <Pat@Client.com>',
      to: [MAILBOX],
      cc: ['quin@unknown.org'],
      subject: 'Renewal',
      html: '<p>Hello <b>Olga</b></p><p>Terms attached.</p>',
      attachments: [{ filename: 'terms.pdf', mimeType: 'application/pdf', data: Buffer.from('%PDF-1.4') }],
      threadId: 'thread-1',
    });
    mailbox.add({ from: 'stranger@unknown.org', to: [MAILBOX], subject: 'Spam', text: 'buy' });
    await poll();
    await harness.waitForOutcome('passed', 1, 15_000, 'gmail');
    await harness.waitForOutcome('dropped_no_crm_match', 1, 15_000, 'gmail');
    const [stored] = await rows('gmail');
    expect(stored).toMatchObject({ subject: 'Renewal', thread_id: 'thread-1', direction: 'inbound', integration_id: gmailId });
    expect(stored?.body_text).toContain('Hello Olga');
    expect(stored?.body_text).not.toContain('<');
    expect(stored?.attachments).toEqual([{ filename: 'terms.pdf', mime_type: 'application/pdf', size: 8, provider_id: expect.any(String) }]);
    expect((await cursor(gmailId))?.historyId).toBe(String(mailbox.historyId));

    const reply = mailbox.add({ from: MAILBOX, to: ['sam@elsewhere.org'], replyTo: 'pat@client.com', subject: 'Re: Renewal', text: 'done' });
    await poll();
    await harness.waitForOutcome('passed', 2, 15_000, 'gmail');
    expect((await rows('gmail')).find((row) => row.external_id === reply.id)).toMatchObject({ direction: 'outbound' });

    mailbox.delete(reply.id);
    await poll();
    await waitFor('deleted copy removed', async () => (await rows('gmail')).length === 1);

    mailbox.expireHistory();
    mailbox.add({ from: 'pat@client.com', to: [MAILBOX], subject: 'After the gap', text: 'hi' });
    await poll();
    await harness.waitForOutcome('passed', 3, 15_000, 'gmail');
    // The full sync saw the earlier messages again: they count as duplicates, nothing is stored twice.
    await harness.waitForOutcome('duplicate_event', 1, 15_000, 'gmail');
    expect(await harness.counter('ingest_source_polls_total', { source: 'gmail', result: 'full' })).toBe(2);
    expect((await rows('gmail')).length).toBe(2);
  });

  it('syncs the calendar with sync tokens, removes cancelled events and resyncs after 410 Gone', async () => {
    const calendar = google.calendar(MAILBOX);
    const start = new Date(Date.now() + 86_400_000);
    const kickoff = calendar.add({
      summary: 'Kickoff',
      description: '<p>Agenda</p>',
      start,
      organizer: MAILBOX,
      attendees: [{ email: MAILBOX, self: true }, { email: 'pat@client.com' }],
    });
    calendar.add({ summary: 'Internal', start, organizer: MAILBOX, attendees: [{ email: MAILBOX, self: true }] });
    await poll();
    await harness.waitForOutcome('passed', 1, 15_000, 'calendar');
    await harness.waitForOutcome('dropped_self_user', 1, 15_000, 'calendar');
    expect(await rows('calendar')).toEqual([expect.objectContaining({ external_id: kickoff.id, subject: 'Kickoff', body_text: 'Agenda', direction: 'outbound' })]);
    expect((await cursor(calendarId))?.syncToken).toBeDefined();

    calendar.cancel(kickoff.id);
    await poll();
    await waitFor('cancelled event removed', async () => (await rows('calendar')).length === 0);

    calendar.invalidateSyncTokens();
    calendar.add({ summary: 'Pricing', start, organizer: 'pat@client.com', attendees: [{ email: MAILBOX }] });
    await poll();
    await harness.waitForOutcome('passed', 2, 15_000, 'calendar');
    expect(await harness.counter('ingest_source_polls_total', { source: 'calendar', result: 'full' })).toBe(2);
    expect((await cursor(calendarId))?.syncToken).toBeDefined();
  });

  it('accepts a Gmail push only with a Google-signed token for our audience and service account, then polls that mailbox', async () => {
    const notification = { message: { data: Buffer.from(JSON.stringify({ emailAddress: MAILBOX, historyId: 1 })).toString('base64'), messageId: '1' }, subscription: 's' };
    const push = (token: string | undefined, body: object = notification) => {
      const call = request(harness.service.url).post('/google/push').send(body);
      return token === undefined ? call : call.set('Authorization', `Bearer ${token}`);
    };
    const valid = () => google.push.sign({ audience: AUDIENCE, email: PUSHER });

    expect((await push(undefined)).body).toEqual({ error: 'google_push_rejected', reason: 'missing_token' });
    const forged = new GooglePushSigner().sign({ audience: AUDIENCE, email: PUSHER });
    for (const token of [
      forged,
      google.push.sign({ audience: AUDIENCE, email: PUSHER, expiresInSeconds: -60 }),
      google.push.sign({ audience: 'https://elsewhere.test/push', email: PUSHER }),
      google.push.sign({ audience: AUDIENCE, email: PUSHER, issuer: 'https://evil.test' }),
      `${valid().slice(0, -4)}AAAA`,
    ]) {
      const answer = await push(token);
      expect(answer.status).toBe(401);
      expect(answer.body.reason).toBe('invalid_token');
    }
    expect((await push(google.push.sign({ audience: AUDIENCE, email: 'someone@else.iam.gserviceaccount.com' }))).body.reason).toBe('wrong_service_account');
    expect((await push(valid(), { message: { data: 'bm90IGpzb24' } })).status).toBe(400);

    const before = await harness.outcome('passed', 'gmail');
    google.mailbox(MAILBOX).add({ from: 'pat@client.com', to: [MAILBOX], subject: 'Pushed', text: 'hi' });
    expect((await push(valid())).status).toBe(204);
    await harness.waitForOutcome('passed', before + 1, 15_000, 'gmail');
    expect((await rows('gmail')).some((row) => row.subject === 'Pushed')).toBe(true);
  });

  it('admits retroactively: recent mail with a contact just added to the CRM goes through the gate again', async () => {
    const mailbox = google.mailbox(MAILBOX);
    const early = mailbox.add({ from: 'Nina <nina@prospect.com>', to: [MAILBOX], subject: 'Intro', text: 'hello' });
    const droppedBefore = await harness.outcome('dropped_no_crm_match', 'gmail');
    await poll();
    await harness.waitForOutcome('dropped_no_crm_match', droppedBefore + 1, 15_000, 'gmail');
    expect((await rows('gmail')).some((row) => row.external_id === early.id)).toBe(false);

    const crm = await harness.insertIntegration(USER, 'hubspot', `portal-${randomUUID()}`, null);
    const nina = await harness.seedContact(USER, crm, ['nina@prospect.com']);
    await harness.publishEvent('contacts.added', { integration_id: crm, contact_ids: [nina] });
    await waitFor('retroactively admitted', async () => (await rows('gmail')).some((row) => row.external_id === early.id), 15_000);
    expect((await rows('gmail')).find((row) => row.external_id === early.id)?.matched_contact_ids).toEqual([nina]);
  });

  it('leaves an integration whose sync lease another replica holds alone', async () => {
    await harness.db.query(`UPDATE integrations SET sync_lease_token = $2, sync_lease_expires_at = now() + interval '1 minute' WHERE id = $1`, [gmailId, randomUUID()]);
    const before = await harness.counter('ingest_source_polls_total', { source: 'gmail' });
    await poll();
    expect(await harness.counter('ingest_source_polls_total', { source: 'gmail', result: 'leased' })).toBe(1);
    expect(await harness.counter('ingest_source_polls_total', { source: 'gmail' })).toBe(before + 1);
    await harness.db.query(`UPDATE integrations SET sync_lease_expires_at = now() - interval '1 second' WHERE id = $1`, [gmailId]);
    await poll();
    expect(await harness.counter('ingest_source_polls_total', { source: 'gmail', result: 'incremental' })).toBeGreaterThan(0);
    expect((await harness.db.query(`SELECT sync_lease_token FROM integrations WHERE id = $1`, [gmailId])).rows[0]?.sync_lease_token).toBeNull();
  });
});
