// Test-only: the Slack fake (a tool) stands in for Slack in-process.
import { slackMessageEvent } from '@sentinel/fakes';
import { type TcpFaultProxy, waitFor } from '@sentinel/testing';
import { IngestHarness, nextSlackIds } from './support/ingest-harness';

jest.setTimeout(90_000);

const TEAM = 'T0OUT';
const USER = { userId: 'user-olga', teamId: TEAM, slackUserId: 'UOLGA', token: 'xoxb-olga' };

/** The harness behind a database fault proxy, seeded with this file's user, contact and channel. */
async function startBehindProxy(env: Record<string, string>): Promise<{ harness: IngestHarness; proxy: TcpFaultProxy }> {
  const { harness, proxy } = await IngestHarness.startBehindDatabaseProxy(env);
  const { crmIntegrationId } = await harness.seedSlackUser(USER);
  await harness.seedContact(USER.userId, crmIntegrationId, ['pat@client.com']);
  harness.slack.addUser({ id: 'UPAT', email: 'pat@client.com' });
  harness.slack.addUser({ id: 'UQUIN', email: 'quin@unknown.org' });
  harness.slack.setMembers('COUT', ['UOLGA', 'UPAT', 'UQUIN']);
  return { harness, proxy };
}

function cutDatabase(proxy: TcpFaultProxy): void {
  proxy.setMode('refuse');
  proxy.cutAll();
}

async function sendMany(harness: IngestHarness, count: number): Promise<string[]> {
  const eventIds: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const ids = nextSlackIds();
    eventIds.push(ids.eventId);
    const author = index % 2 === 0 ? 'UPAT' : 'UQUIN';
    const response = await harness.sender.send(slackMessageEvent({ teamId: TEAM, eventId: ids.eventId, channel: 'COUT', user: author, text: `m${index}`, ts: ids.ts }));
    expect(response.status).toBe(200);
  }
  return eventIds;
}

describe('the gate while PostgreSQL is unreachable', () => {
  it('SEN-ING-01 stores nothing during the outage and admits every item exactly once after it', async () => {
    const { harness, proxy } = await startBehindProxy({ INGEST_MAX_ATTEMPTS: '40', INGEST_RETRY_BASE_MS: '100', INGEST_RETRY_MAX_MS: '300' });
    try {
      cutDatabase(proxy);
      // The receiver needs no database: Slack still gets its 200 and the broker holds the items.
      const sent = await sendMany(harness, 20);
      await waitFor('retries through the broker', async () => (await harness.counter('ingest_gate_retries_total', { reason: 'contact_book_unavailable' })) >= 20);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await harness.messageCount()).toBe(0);
      for (const outcome of ['passed', 'dropped_no_crm_match', 'fail_closed', 'duplicate_event']) expect(await harness.outcome(outcome)).toBe(0);

      proxy.setMode('pass');
      await harness.waitForOutcome('passed', 10, 30_000);
      await harness.waitForOutcome('dropped_no_crm_match', 10, 30_000);
      const rows = await harness.messages();
      expect(rows).toHaveLength(10);
      expect(new Set(rows.map((row) => row.slack_event_id)).size).toBe(10);
      expect(rows.every((row) => sent.includes(String(row.slack_event_id)))).toBe(true);
      expect(await harness.outcome('fail_closed')).toBe(0);
      expect(await harness.outcome('duplicate_event')).toBe(0);
    } finally {
      await harness.close();
      await proxy.stop();
    }
  });

  it('drops items as fail_closed after the bounded attempts when the outage outlasts them, and never stores them', async () => {
    const { harness, proxy } = await startBehindProxy({ INGEST_MAX_ATTEMPTS: '3', INGEST_RETRY_BASE_MS: '100', INGEST_RETRY_MAX_MS: '200' });
    try {
      cutDatabase(proxy);
      await sendMany(harness, 6);
      await harness.waitForOutcome('fail_closed', 6, 30_000);
      proxy.setMode('pass');
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(await harness.messageCount()).toBe(0);
      expect(await harness.outcome('passed')).toBe(0);
      expect(await harness.counter('messaging_deliveries_total', { queue: 'ingest.inbound', outcome: 'dead_lettered' })).toBe(0);
    } finally {
      await harness.close();
      await proxy.stop();
    }
  });

  it('treats a stalled connection as an outage (query deadline), not as a hang', async () => {
    const { harness, proxy } = await startBehindProxy({ INGEST_MAX_ATTEMPTS: '2', INGEST_RETRY_BASE_MS: '100', INGEST_RETRY_MAX_MS: '200', INGEST_QUERY_TIMEOUT_MS: '500' });
    try {
      proxy.setMode('stall');
      proxy.cutAll();
      await sendMany(harness, 2);
      await harness.waitForOutcome('fail_closed', 2, 30_000);
      proxy.setMode('pass');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await harness.messageCount()).toBe(0);
    } finally {
      await harness.close();
      await proxy.stop();
    }
  });
});
