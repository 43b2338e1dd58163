// Test-only: the dev identity (a tool app) stands in for the external identity service in-process.
import { startDevIdentity, type DevIdentityHandle } from '@sentinel/dev-identity';
// Test-only: the Slack fake (a tool) stands in for Slack in-process.
import { slackMessageEvent } from '@sentinel/fakes';
import { type TcpFaultProxy, waitFor } from '@sentinel/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { IngestLedgerRepository } from '../src/repositories/ingest-ledger.repository';
import { IngestHarness, nextSlackIds } from './support/ingest-harness';

jest.setTimeout(120_000);

const TEAM = 'T0LEDG';
const OLGA = { userId: 'user-olga', teamId: TEAM, slackUserId: 'UOLGA', token: 'xoxb-olga' };
const MAILBOX = 'olga@ours.com';
const OUTCOMES = ['passed', 'dropped_no_crm_match', 'dropped_self_user', 'fail_closed', 'duplicate_event', 'in_flight'] as const;

interface Stack {
  harness: IngestHarness;
  proxy: TcpFaultProxy;
  slackId: string;
  gmailId: string;
}

async function startBehindProxy(env: Record<string, string>): Promise<Stack> {
  const { harness, proxy } = await IngestHarness.startBehindDatabaseProxy(env);
  const { slackIntegrationId, crmIntegrationId } = await harness.seedSlackUser(OLGA);
  const gmailId = await harness.insertIntegration(OLGA.userId, 'gmail', MAILBOX, null);
  await harness.seedContact(OLGA.userId, crmIntegrationId, ['pat@client.com']);
  harness.slack.addUser({ id: 'UPAT', email: 'pat@client.com' });
  harness.slack.addUser({ id: 'UQUIN', email: 'quin@unknown.org' });
  harness.slack.setMembers('CLED', ['UOLGA', 'UPAT', 'UQUIN']);
  harness.slack.setMembers('CLED2', ['UOLGA', 'UPAT', 'UQUIN']);
  return { harness, proxy, slackId: slackIntegrationId, gmailId };
}

async function sendSlack(harness: IngestHarness, author: string, channel = 'CLED'): Promise<void> {
  const ids = nextSlackIds();
  const response = await harness.sender.send(slackMessageEvent({ teamId: TEAM, eventId: ids.eventId, channel, user: author, text: 'hi', ts: ids.ts }));
  expect(response.status).toBe(200);
}

function gmailItem(gmailId: string, externalId: string, from: string, userId = OLGA.userId): Record<string, unknown> {
  return {
    source: 'gmail',
    integration_id: gmailId,
    user_id: userId,
    external_id: externalId,
    participants: [{ role: 'from', email: from }, { role: 'to', email: MAILBOX }],
    conversation: { kind: 'email_thread', thread_id: `th-${externalId}` },
    subject: 'Renewal',
    body_text: 'body',
    occurred_at: new Date().toISOString(),
  };
}

/** Every ledger row's outcome for an integration, counted straight from the table. */
async function counts(harness: IngestHarness, integrationId: string): Promise<Record<string, number>> {
  const { rows } = await harness.db.query<{ outcome: string; n: number }>(
    `SELECT outcome, count(*)::int AS n FROM ingest_ledger_items WHERE integration_id = $1 GROUP BY outcome`,
    [integrationId],
  );
  return Object.fromEntries(rows.map((row) => [row.outcome, row.n]));
}

async function settledTotal(harness: IngestHarness, integrationId: string): Promise<number> {
  const byOutcome = await counts(harness, integrationId);
  return Object.entries(byOutcome).reduce((sum, [outcome, n]) => sum + (outcome === 'in_flight' ? 0 : n), 0);
}

function expectIdentity(day: Record<string, number>): void {
  expect(day.received).toBe(OUTCOMES.reduce((sum, outcome) => sum + (day[outcome] ?? 0), 0));
}

describe('the ingestion ledger', () => {
  let identity: DevIdentityHandle;

  beforeAll(async () => {
    identity = await startDevIdentity({});
  });

  afterAll(async () => {
    await identity?.close();
  });

  it('accounts for every received item in exactly one outcome through a Slack outage and a database outage', async () => {
    const { harness, proxy, slackId, gmailId } = await startBehindProxy({
      INGEST_MAX_ATTEMPTS: '40',
      INGEST_RETRY_BASE_MS: '100',
      INGEST_RETRY_MAX_MS: '300',
      ...identity.serviceEnv,
    });
    try {
      // Before: one of each outcome, gmail through the same gate.
      await harness.publishItem(gmailItem(gmailId, 'gm-1', 'Pat@Client.com'));
      await harness.publishItem(gmailItem(gmailId, 'gm-self', MAILBOX));
      await harness.publishItem(gmailItem(gmailId, 'gm-foreign', 'pat@client.com', 'user-mallory'));
      await sendSlack(harness, 'UPAT');
      await sendSlack(harness, 'UQUIN');
      await waitFor('first items settled', async () => (await settledTotal(harness, gmailId)) === 3 && (await settledTotal(harness, slackId)) === 2);
      await harness.publishItem(gmailItem(gmailId, 'gm-1', 'pat@client.com'));

      // Slack unreachable with the database up (a channel whose members are not cached yet): the
      // retried items are counted once, as in flight.
      harness.slack.setNetworkDown(true);
      await sendSlack(harness, 'UPAT', 'CLED2');
      await sendSlack(harness, 'UQUIN', 'CLED2');
      await waitFor('in flight', async () => (await counts(harness, slackId)).in_flight === 2);
      harness.slack.setNetworkDown(false);

      // The database goes away in the middle: items wait in the broker, the ledger loses none.
      proxy.setMode('refuse');
      proxy.cutAll();
      await sendSlack(harness, 'UPAT');
      await sendSlack(harness, 'UQUIN');
      await harness.publishItem(gmailItem(gmailId, 'gm-2', 'pat@client.com'));
      await harness.publishItem(gmailItem(gmailId, 'gm-1', 'pat@client.com'));
      await waitFor('retries', async () => (await harness.counter('ingest_gate_retries_total', { reason: 'contact_book_unavailable' })) >= 4);
      proxy.setMode('pass');

      await waitFor('all settled', async () => (await settledTotal(harness, gmailId)) === 6 && (await settledTotal(harness, slackId)) === 6, 45_000);
      expect(await counts(harness, slackId)).toEqual({ passed: 3, dropped_no_crm_match: 3 });
      expect(await counts(harness, gmailId)).toEqual({ passed: 2, dropped_self_user: 1, fail_closed: 1, duplicate_event: 2 });
      expect(await harness.messageCount()).toBe(5);

      const tenant = harness.stack.tenantId;
      await identity.createUser({ id: OLGA.userId, tenants: [{ id: tenant, role: 'member' }] });
      await identity.createUser({ id: 'user-mallory', tenants: [{ id: tenant, role: 'member' }] });
      for (const user of [OLGA.userId, 'user-mallory']) {
        await identity.setPolicy({ userId: user, tenantId: tenant, permissions: [`tenant.${tenant}.crm.ingest_ledger.view`] });
      }
      const get = async (path: string, subject: string) =>
        request(harness.service.url).get(path).set('Authorization', `Bearer ${(await identity.mintToken({ subject })).token}`);

      const gmail = await get(`/integrations/${gmailId}/ledger`, OLGA.userId);
      expect(gmail.status).toBe(200);
      expect(gmail.body.days).toHaveLength(1);
      expect(gmail.body.totals).toEqual({ received: 6, passed: 2, dropped_no_crm_match: 0, dropped_self_user: 1, fail_closed: 1, duplicate_event: 2, in_flight: 0 });
      for (const day of [...gmail.body.days, gmail.body.totals]) expectIdentity(day);
      const slack = await get(`/integrations/${slackId}/ledger`, OLGA.userId);
      expect(slack.body.totals).toMatchObject({ received: 6, passed: 3, dropped_no_crm_match: 3, in_flight: 0 });
      expect(JSON.stringify(slack.body)).not.toMatch(/@/);

      expect((await get(`/integrations/${gmailId}/ledger`, 'user-mallory')).status).toBe(404);
      expect((await get(`/integrations/${randomUUID()}/ledger`, OLGA.userId)).status).toBe(404);
      expect((await get(`/integrations/${gmailId}/ledger?from=2026-01-01&to=2026-04-03`, OLGA.userId)).status).toBe(400);
      expect((await get(`/integrations/${gmailId}/ledger?from=2026-02-02&to=2026-02-01`, OLGA.userId)).status).toBe(400);
      expect((await get(`/integrations/${gmailId}/ledger?from=2026-02-30`, OLGA.userId)).status).toBe(400);
      expect((await get(`/integrations/${gmailId}/ledger?from=2026-01-01&to=2026-04-02`, OLGA.userId)).status).toBe(200);
      expect((await get(`/integrations/not-a-uuid/ledger`, OLGA.userId)).status).toBe(400);
      await identity.setPolicy({ userId: 'user-mallory', tenantId: tenant, permissions: [] });
      expect((await get(`/integrations/${gmailId}/ledger`, 'user-mallory')).status).toBe(403);
      expect((await request(harness.service.url).get(`/integrations/${gmailId}/ledger`)).status).toBe(401);
    } finally {
      await harness.close();
      await proxy.stop();
    }
  });

  it('records items dropped as fail_closed while the database is down once it is back, through the ledger queue', async () => {
    const { harness, proxy, gmailId } = await startBehindProxy({ INGEST_MAX_ATTEMPTS: '2', INGEST_RETRY_BASE_MS: '100', INGEST_RETRY_MAX_MS: '200' });
    try {
      proxy.setMode('refuse');
      proxy.cutAll();
      for (const id of ['gm-a', 'gm-b', 'gm-c']) await harness.publishItem(gmailItem(gmailId, id, 'pat@client.com'));
      await harness.waitForOutcome('fail_closed', 3, 30_000, 'gmail');
      expect(await counts(harness, gmailId)).toEqual({});
      proxy.setMode('pass');
      await waitFor('deferred entries written', async () => (await counts(harness, gmailId)).fail_closed === 3, 30_000);
      expect(await harness.messageCount()).toBe(0);
    } finally {
      await harness.close();
      await proxy.stop();
    }
  });

  it('counts an entry once: the first final outcome wins, replays change nothing, withdrawal removes only in-flight rows', async () => {
    const harness = await IngestHarness.start();
    try {
      const ledger = harness.service.app.get(IngestLedgerRepository);
      const integrationId = randomUUID();
      const other = randomUUID();
      const entry = (eventId: string, mark: 'in_flight' | 'passed' | 'fail_closed' | 'withdrawn', id: string | null = integrationId) =>
        ({ eventId, integrationId: id, source: 'gmail', mark }) as const;
      await ledger.record([entry('e1', 'in_flight'), entry('e1', 'in_flight'), entry('e2', 'in_flight'), entry('e3', 'in_flight', other)]);
      await ledger.record([entry('e1', 'passed')]);
      await ledger.record([entry('e1', 'fail_closed'), entry('e1', 'in_flight'), entry('e2', 'fail_closed', null), entry('e3', 'withdrawn', other)]);
      await ledger.record([entry('e2', 'passed'), entry('e4', 'passed'), entry('e4', 'passed')]);
      expect(await counts(harness, integrationId)).toEqual({ passed: 2, fail_closed: 1 });
      expect(await counts(harness, other)).toEqual({});
    } finally {
      await harness.close();
    }
  });
});
