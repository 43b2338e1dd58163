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
    expect(await harness.outcome('passed')).toBe(EVENTS);
    expect(await harness.outcome('duplicate_event')).toBe(EVENTS * (COPIES - 1));
    await waitFor('timeline events', async () => timeline.length >= EVENTS);
    expect(new Set(timeline.map((event) => event.data.message_id)).size).toBe(EVENTS);
  });
});
