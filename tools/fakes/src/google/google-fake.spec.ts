import { google } from 'googleapis';
import { GoogleFake } from './google-fake.server';

const ACCOUNT = 'olga@ours.com';

describe('GoogleFake driven by the real googleapis clients', () => {
  const fake = new GoogleFake();
  let auth: InstanceType<typeof google.auth.OAuth2>;
  const gmail = () => google.gmail({ version: 'v1', auth, rootUrl: fake.url, retry: false });
  const calendar = () => google.calendar({ version: 'v3', auth, rootUrl: fake.url, retry: false });

  beforeAll(async () => {
    await fake.start();
    // gaxios would dynamic-import node-fetch, which Jest's VM refuses; Node's own fetch does the same job.
    auth = new google.auth.OAuth2({
      clientId: 'client',
      clientSecret: 'secret',
      endpoints: { oauth2TokenUrl: fake.tokenUrl },
      transporterOptions: { fetchImplementation: fetch },
    });
    const { tokens } = await auth.getToken(fake.issueAuthorizationCode(ACCOUNT));
    expect(tokens.refresh_token).toBeDefined();
    auth.setCredentials({ refresh_token: tokens.refresh_token });
  });

  afterAll(() => fake.stop());

  it('refreshes through the token endpoint and refuses an unknown code', async () => {
    expect((await auth.getAccessToken()).token).toMatch(/^google-at-/);
    await expect(auth.getToken('google-code-forged')).rejects.toMatchObject({ response: { status: 400, data: { error: 'invalid_grant' } } });
  });

  it('watches, lists history from a cursor, and answers 404 once that history has expired', async () => {
    const mailbox = fake.mailbox(ACCOUNT);
    expect((await gmail().users.getProfile({ userId: 'me' })).data).toMatchObject({ emailAddress: ACCOUNT, historyId: String(mailbox.historyId) });
    const watch = await gmail().users.watch({ userId: 'me', requestBody: { topicName: 'projects/p/topics/gmail', labelIds: ['INBOX'] } });
    const first = mailbox.add({ from: 'Pat <pat@client.com>', to: [ACCOUNT], subject: 'one' });
    const second = mailbox.add({ from: 'pat@client.com', to: [ACCOUNT], subject: 'two' });
    mailbox.delete(first.id);
    const history = await gmail().users.history.list({ userId: 'me', startHistoryId: watch.data.historyId ?? '', maxResults: 2 });
    expect(history.data.history?.map((record) => record.messagesAdded?.[0]?.message?.id)).toEqual([first.id, second.id]);
    const rest = await gmail().users.history.list({ userId: 'me', startHistoryId: watch.data.historyId ?? '', pageToken: history.data.nextPageToken ?? '' });
    expect(rest.data.history?.[0]?.messagesDeleted?.[0]?.message?.id).toBe(first.id);
    expect(rest.data.historyId).toBe(String(mailbox.historyId));

    mailbox.expireHistory();
    await expect(gmail().users.history.list({ userId: 'me', startHistoryId: watch.data.historyId ?? '' })).rejects.toMatchObject({ status: 404 });
  });

  it('searches messages with q and serves them in format full, with base64url bodies and attachments', async () => {
    const mailbox = fake.mailbox(ACCOUNT);
    const old = mailbox.add({ from: 'old@client.com', date: new Date(Date.now() - 40 * 86_400_000) });
    const message = mailbox.add({
      from: 'Pat <pat@client.com>',
      to: [ACCOUNT, 'sam@client.com'],
      cc: ['cc@client.com'],
      bcc: ['bcc@client.com'],
      replyTo: 'reply@client.com',
      subject: 'Renewal',
      text: 'plain body',
      html: '<p>html <b>body</b></p>',
      attachments: [{ filename: 'quote.pdf', mimeType: 'application/pdf', data: Buffer.from('%PDF-1.4 fake') }],
    });
    const listed = await gmail().users.messages.list({ userId: 'me', q: 'newer_than:30d' });
    const ids = listed.data.messages?.map((entry) => entry.id) ?? [];
    expect(ids).toContain(message.id);
    expect(ids).not.toContain(old.id);
    const byAddress = await gmail().users.messages.list({ userId: 'me', q: '{from:cc@client.com cc:CC@client.com} after:1700000000' });
    expect(byAddress.data.messages?.map((entry) => entry.id)).toEqual([message.id]);

    const full = await gmail().users.messages.get({ userId: 'me', id: message.id, format: 'full' });
    const headers = Object.fromEntries((full.data.payload?.headers ?? []).map((header) => [header.name, header.value]));
    expect(headers).toMatchObject({ From: 'Pat <pat@client.com>', To: `${ACCOUNT}, sam@client.com`, Cc: 'cc@client.com', Bcc: 'bcc@client.com', 'Reply-To': 'reply@client.com', Subject: 'Renewal' });
    expect(Date.parse(headers.Date ?? '')).toBeGreaterThan(0);
    const [alternative, attachment] = full.data.payload?.parts ?? [];
    const bodies = (alternative?.parts ?? []).map((part) => [part.mimeType, Buffer.from(part.body?.data ?? '', 'base64url').toString('utf8')]);
    expect(bodies).toEqual([['text/plain', 'plain body'], ['text/html', '<p>html <b>body</b></p>']]);
    expect(attachment).toMatchObject({ filename: 'quote.pdf', mimeType: 'application/pdf', body: { size: 13 } });

    const data = await gmail().users.messages.attachments.get({ userId: 'me', messageId: message.id, id: attachment?.body?.attachmentId ?? '' });
    expect(data.data.size).toBe(13);
    expect(data.data.data).toMatch(/^[A-Za-z0-9_-]+=*$/);
    expect(Buffer.from(data.data.data ?? '', 'base64url').toString('utf8')).toBe('%PDF-1.4 fake');
    await expect(gmail().users.messages.get({ userId: 'me', id: 'missing' })).rejects.toMatchObject({ status: 404 });
    await expect(gmail().users.messages.list({ userId: 'someone@else.com' })).rejects.toMatchObject({ status: 403 });
  });

  it('lists events in pages, gives nextSyncToken on the last page only, syncs changes and answers 410 to a stale token', async () => {
    const events = fake.calendar(ACCOUNT);
    const start = new Date(Date.now() + 86_400_000);
    const first = events.add({ summary: 'Kickoff', start, organizer: 'pat@client.com', attendees: [{ email: ACCOUNT, self: true }, { email: 'pat@client.com', organizer: true }] });
    events.add({ summary: 'Review', start, organizer: ACCOUNT });
    events.add({ summary: 'Demo', start, organizer: ACCOUNT });

    const page1 = await calendar().events.list({ calendarId: 'primary', maxResults: 2 });
    expect(page1.data.items).toHaveLength(2);
    expect(page1.data.nextSyncToken).toBeUndefined();
    const page2 = await calendar().events.list({ calendarId: 'primary', maxResults: 2, pageToken: page1.data.nextPageToken ?? '' });
    expect(page2.data.items?.map((event) => event.summary)).toEqual(['Demo']);
    expect(page2.data.nextPageToken).toBeUndefined();
    expect(page1.data.items?.[0]).toMatchObject({ organizer: { email: 'pat@client.com' }, attendees: [{ email: ACCOUNT }, { email: 'pat@client.com' }] });

    events.cancel(first.id);
    const changes = await calendar().events.list({ calendarId: 'primary', syncToken: page2.data.nextSyncToken ?? '' });
    expect(changes.data.items).toEqual([expect.objectContaining({ id: first.id, status: 'cancelled' })]);
    expect(changes.data.nextSyncToken).toBeDefined();

    events.invalidateSyncTokens();
    await expect(calendar().events.list({ calendarId: 'primary', syncToken: changes.data.nextSyncToken ?? '' })).rejects.toMatchObject({ status: 410 });
  });

  it('answers 401 in Google format to a token it did not issue', async () => {
    const stranger = new google.auth.OAuth2({ transporterOptions: { fetchImplementation: fetch } });
    stranger.setCredentials({ access_token: 'forged' });
    const client = google.gmail({ version: 'v1', auth: stranger, rootUrl: fake.url, retry: false });
    await expect(client.users.messages.list({ userId: 'me' })).rejects.toMatchObject({ status: 401 });
  });
});
