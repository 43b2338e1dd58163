// Test-only: the Google fake (a tool) stands in for Calendar in-process.
import { GoogleFake } from '@sentinel/fakes';
import { randomUUID } from 'node:crypto';
import { GoogleSourcePoller } from '../src/sources/google-source.poller';
import { googleFakeEnv, IngestHarness } from './support/ingest-harness';

jest.setTimeout(90_000);

const MAILBOX = 'olga@ours.com';
const USER = 'user-olga';
const DAY_MS = 86_400_000;

describe('retroactive admission of Calendar events when a contact is added', () => {
  const google = new GoogleFake();
  let harness: IngestHarness;

  const calendarRows = async () => (await harness.messages()).filter((row) => row.source === 'calendar');
  const outcome = (name: string) => harness.outcome(name, 'calendar');

  beforeAll(async () => {
    await google.start();
    harness = await IngestHarness.start({
      env: {
        ...googleFakeEnv(google),
        GOOGLE_FULL_SYNC_DAYS: '30',
      },
    });
    const id = randomUUID();
    const refresh = harness.cipher.encrypt(google.issueRefreshToken(MAILBOX), { table: 'integrations', column: 'refresh_token', rowId: id });
    await harness.db.query(
      `INSERT INTO integrations (id, user_id, provider, status, refresh_token, external_account_id, sync_stage)
       VALUES ($1, $2, 'calendar', 'connected', $3, $4, 'incremental_pending')`,
      [id, USER, refresh, MAILBOX],
    );
  });

  afterAll(async () => {
    await harness?.close();
    await google.stop();
  });

  it('searches the recent window read-only for the new address, admits only the events it organizes or attends, once', async () => {
    const calendar = google.calendar(MAILBOX);
    const recent = new Date(Date.now() - 3 * DAY_MS);
    const meeting = calendar.add({ summary: 'Intro call', start: recent, organizer: MAILBOX, attendees: [{ email: MAILBOX, self: true }, { email: 'Nina@Prospect.com' }] });
    const upcoming = calendar.add({ summary: 'Demo', start: new Date(Date.now() + 2 * DAY_MS), organizer: 'nina@prospect.com', attendees: [{ email: MAILBOX }] });
    // Named only in the text: Google's q matches it, but Nina takes no part in it.
    calendar.add({ summary: 'Prep', description: 'prepare for nina@prospect.com', start: recent, organizer: MAILBOX, attendees: [{ email: MAILBOX }, { email: 'sam@elsewhere.org' }] });
    await harness.service.app.get(GoogleSourcePoller).pollAll();
    await harness.waitForOutcome('dropped_no_crm_match', 3, 15_000, 'calendar');
    // Older than the window: a full sync no longer reaches it, nor does the retroactive search.
    calendar.add({ summary: 'Old', start: new Date(Date.now() - 60 * DAY_MS), organizer: 'nina@prospect.com', attendees: [{ email: MAILBOX }] });
    expect(await calendarRows()).toEqual([]);

    const crm = await harness.insertIntegration(USER, 'hubspot', `portal-${randomUUID()}`, null);
    const nina = await harness.seedContact(USER, crm, ['nina@prospect.com']);
    const searchesBefore = google.requestCount('calendar.events.list');
    await harness.publishEvent('contacts.added', { integration_id: crm, contact_ids: [nina] });
    await harness.waitForOutcome('passed', 2, 15_000, 'calendar');
    const stored = await calendarRows();
    expect(stored.map((row) => row.external_id).sort()).toEqual([meeting.id, upcoming.id].sort());
    for (const row of stored) expect(row.matched_contact_ids).toEqual([nina]);
    expect(google.requestCount('calendar.events.list')).toBe(searchesBefore + 1);
    expect(await outcome('dropped_no_crm_match')).toBe(3);

    // The same event again (a broker redelivery, a second page naming her): duplicates, nothing rewritten.
    await harness.publishEvent('contacts.added', { integration_id: crm, contact_ids: [nina] });
    await harness.waitForOutcome('duplicate_event', 2, 15_000, 'calendar');
    expect(await calendarRows()).toHaveLength(2);
    expect(await outcome('passed')).toBe(2);
  });
});
