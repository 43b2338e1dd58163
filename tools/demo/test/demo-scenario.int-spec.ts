import { PiiCanary } from '@sentinel/testing-services';
import { DEMO_CALENDAR_EVENTS, DEMO_CONTACTS, DEMO_DEALS, DEMO_GMAIL_MESSAGES, DEMO_SLACK_MESSAGES, DEMO_SLACK_USERS } from '../src/demo-scenario';
import { runDemo, type DemoReport } from '../src/run-demo';
import { renderWalkthrough } from '../src/walkthrough.renderer';
import { DemoStackHarness } from './demo-stack.harness';

jest.setTimeout(60_000);

/** Each seeded item's expected outcome, counted. */
function expectedOf(items: ReadonlyArray<{ expected: string }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item.expected] = (counts[item.expected] ?? 0) + 1;
  return counts;
}

/** What the gate must say about the scenario: each message's expected outcome, retries as duplicates. */
function expectedOutcomes(): Record<string, number> {
  const counts: Record<string, number> = {};
  const add = (outcome: string, count: number) => (counts[outcome] = (counts[outcome] ?? 0) + count);
  for (const message of DEMO_SLACK_MESSAGES) {
    add(message.expected, 1);
    if ((message.deliveries ?? 1) > 1) add('duplicate_event', (message.deliveries ?? 1) - 1);
  }
  return counts;
}

describe('demo scenario, headless, against the in-process stack', () => {
  const harness = new DemoStackHarness();
  let canary: PiiCanary;
  let first: DemoReport;

  beforeAll(async () => {
    canary = PiiCanary.start();
    // The scenario's own personal data is the canary's marker set (first names alone are too short to search for).
    for (const contact of DEMO_CONTACTS) canary.track(contact.email);
    for (const user of Object.values(DEMO_SLACK_USERS)) canary.track(user.email);
    for (const deal of DEMO_DEALS) canary.track(deal.dealname);
    for (const message of DEMO_SLACK_MESSAGES) canary.track(message.text);
    for (const mail of DEMO_GMAIL_MESSAGES) [mail.subject, mail.text, mail.from, ...mail.to, ...(mail.cc ?? [])].forEach((value) => canary.track(value));
    for (const event of DEMO_CALENDAR_EVENTS) [event.summary, event.organizer, ...event.attendees].forEach((value) => canary.track(value));
    await harness.start();
    first = await runDemo(harness.targets);
  });

  afterAll(async () => {
    await harness.close();
    canary?.stop();
  });

  it('accounts for every Slack delivery by outcome', () => {
    const deliveries = DEMO_SLACK_MESSAGES.reduce((sum, message) => sum + (message.deliveries ?? 1), 0);
    expect(first.slackDeliveries).toBe(deliveries);
    expect(first.outcomes).toEqual(expectedOutcomes());
  });

  it('accounts for every seeded mail and calendar event by outcome (the alias-only mail is the user\'s own; the rescheduled meeting comes back as a duplicate)', () => {
    expect(first.gmail).toEqual({ messages: DEMO_GMAIL_MESSAGES.length, outcomes: expectedOf(DEMO_GMAIL_MESSAGES) });
    const rescheduled = DEMO_CALENDAR_EVENTS.filter((event) => event.rescheduled).length;
    expect(rescheduled).toBeGreaterThan(0);
    expect(first.calendar).toEqual({ events: DEMO_CALENDAR_EVENTS.length, rescheduled, outcomes: { ...expectedOf(DEMO_CALENDAR_EVENTS), duplicate_event: rescheduled } });
    const text = renderWalkthrough(first);
    expect(text).toContain(`Gmail (connected through ingest's OAuth flow, gmail.readonly): ${DEMO_GMAIL_MESSAGES.length} messages seeded -> 2 admitted:`);
    expect(text).toContain(`Calendar (OAuth, calendar.readonly): ${DEMO_CALENDAR_EVENTS.length} events seeded, ${rescheduled} rescheduled -> 2 admitted:`);
  });

  it('synced the CRM through the OAuth connect and reads risk for the analyst', () => {
    expect(first.contactsSynced).toBeGreaterThanOrEqual(3);
    expect(first.dealsSynced).toBe(DEMO_DEALS.length);
    expect(first.dealsAtRisk.length).toBeGreaterThan(0);
    for (const deal of first.dealsAtRisk) expect(deal.reasons.length).toBeGreaterThan(0);
  });

  it('printed curls answer 200, 403 with the structured body, and 401', () => {
    expect(first.probes.map((probe) => probe.status)).toEqual([200, 403, 401]);
    expect(JSON.parse(first.probes[1].body)).toMatchObject({ error: 'permission_denied', user_id: 'demo-outsider', resource_id: null });
    const text = renderWalkthrough(first);
    expect(text).toContain(`export TOKEN='${first.tokens.analyst}'`);
    expect(text).toContain('/docs');
  });

  it('a second run reuses the data: nothing new is stored, the stored messages come back as duplicates', async () => {
    const second = await runDemo(harness.targets);
    const expected = expectedOutcomes();
    const deliveries = DEMO_SLACK_MESSAGES.reduce((sum, message) => sum + (message.deliveries ?? 1), 0);
    expect(second.outcomes.passed).toBeUndefined();
    expect(second.outcomes.duplicate_event).toBe(deliveries - expected.dropped_no_crm_match - expected.dropped_self_user);
    expect(second.dealsSynced).toBe(DEMO_DEALS.length);
    // Mailbox and calendar: nothing new since the stored cursors; the meeting moved again is a duplicate.
    expect(second.gmail.outcomes).toEqual({});
    expect(second.calendar.outcomes).toEqual({ duplicate_event: DEMO_CALENDAR_EVENTS.filter((event) => event.rescheduled).length });
  });

  it('SEN-ING-24 wrote none of the scenario addresses, deal names, subjects or message texts to any log line or metric', () => canary.expectNoLeaks());
});
