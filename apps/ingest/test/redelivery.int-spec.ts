// Test-only: the Slack fake (a tool) stands in for Slack in-process.
import { slackMessageEvent } from '@sentinel/fakes';
import { waitFor } from '@sentinel/testing';
import { IngestHarness, nextSlackIds } from './support/ingest-harness';

jest.setTimeout(180_000);

const TEAM = 'T0DUP';
const EVENTS = 1_000;
const COPIES = 3;
const CONCURRENCY = 48;

describe('at-least-once delivery from Slack', () => {
  let harness: IngestHarness;

  beforeAll(async () => {
    harness = await IngestHarness.start();
    const user = { userId: 'user-rita', teamId: TEAM, slackUserId: 'URITA', token: 'xoxb-rita' };
    const { crmIntegrationId } = await harness.seedSlackUser(user);
    await harness.seedContact(user.userId, crmIntegrationId, ['sam@client.com']);
    harness.slack.addUser({ id: 'USAM', email: 'sam@client.com' });
    harness.slack.setMembers('CDUP', ['URITA', 'USAM']);
  }, 60_000);

  afterAll(() => harness?.close());

  it(`stores exactly ${EVENTS} rows for ${EVENTS} events each delivered ${COPIES} times concurrently`, async () => {
    const timeline = await harness.tapEvents('timeline.appended');
    const bodies = Array.from({ length: EVENTS }, (_, index) => {
      const ids = nextSlackIds();
      return JSON.stringify(slackMessageEvent({ teamId: TEAM, eventId: ids.eventId, channel: 'CDUP', user: 'USAM', text: `deal ${index}`, ts: ids.ts }));
    });
    // The copies of one event sit next to each other, so they race through the receiver and the gate together.
    const sends = bodies.flatMap((body) => Array.from({ length: COPIES }, () => body));
    let next = 0;
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < sends.length) {
          const body = sends[next++]!;
          statuses.push((await harness.sender.send(body)).status);
        }
      }),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(EVENTS * COPIES);

    await waitFor(
      'every delivery decided',
      async () => (await harness.outcome('passed')) + (await harness.outcome('duplicate_event')) >= EVENTS * COPIES,
      120_000,
      250,
    );
    expect(await harness.messageCount()).toBe(EVENTS);
    // Every delivery settled exactly once. The ledger (one row per event: the copies share the Slack
    // event id) holds each event once, as passed.
    expect((await harness.outcome('passed')) + (await harness.outcome('duplicate_event'))).toBe(EVENTS * COPIES);
    const { rows: ledger } = await harness.db.query<{ outcome: string; n: number }>(`SELECT outcome, count(*)::int AS n FROM ingest_ledger_items GROUP BY outcome`);
    expect(ledger).toEqual([{ outcome: 'passed', n: EVENTS }]);
    // The outcome counter says passed once per stored row, except when an attempt that committed its
    // rows is retried anyway (its timeline event was not confirmed, or its COMMIT was already on its
    // way when the step's deadline fired on a loaded machine): that copy then settles as
    // duplicate_event. It never says passed more often than rows were stored.
    expect(await harness.outcome('passed')).toBeLessThanOrEqual(EVENTS);
    // One event per gate batch, each stored message in one of them.
    const announced = () => timeline.flatMap((event) => (event.data.messages as Array<{ message_id: string }>).map((message) => message.message_id));
    await waitFor('timeline events', async () => new Set(announced()).size >= EVENTS);
    expect(new Set(announced()).size).toBe(EVENTS);
    expect(timeline.length).toBeLessThan(EVENTS);
  });
});
