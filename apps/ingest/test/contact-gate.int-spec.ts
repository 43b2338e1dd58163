// Test-only: the Slack fake (a tool) stands in for Slack in-process.
import { slackMessageEvent } from '@sentinel/fakes';
import { waitFor } from '@sentinel/testing';
import { usePiiCanary } from '@sentinel/testing-services';
import { randomUUID } from 'node:crypto';
import { IngestHarness, nextSlackIds } from './support/ingest-harness';

const TEAM = 'T0GATE';
const ALICE = { userId: 'user-alice', teamId: TEAM, slackUserId: 'UALICE', token: 'xoxb-alice' };

jest.setTimeout(30_000);

describe('the contact gate on real PostgreSQL, Redis and RabbitMQ', () => {
  const canary = usePiiCanary();
  // The gate reads and compares these on every decision (debug lines included): none may be written out.
  for (const value of ['alice@our-company.com', 'carol.customer@client.com', 'stranger@elsewhere.org', ALICE.token]) canary.track(value);
  let harness: IngestHarness;
  let crmIntegrationId: string;
  let slackIntegrationId: string;
  let customerContactId: string;

  beforeAll(async () => {
    harness = await IngestHarness.start();
    ({ crmIntegrationId, slackIntegrationId } = await harness.seedSlackUser(ALICE));
    harness.slack.addUser({ id: 'UALICE', email: 'Alice@Our-Company.com' });
    harness.slack.addUser({ id: 'UCUST', email: '  Carol.Customer@Client.COM ' });
    harness.slack.addUser({ id: 'USTRANGER', email: 'stranger@elsewhere.org' });
    harness.slack.addUser({ id: 'UNOEMAIL' });
    customerContactId = await harness.seedContact(ALICE.userId, crmIntegrationId, ['carol.customer@client.com']);
    harness.slack.setMembers('CSALES', ['UALICE', 'UCUST', 'USTRANGER', 'UNOEMAIL']);
    harness.slack.setMembers('COTHER', ['UCUST']);
  }, 60_000);

  afterAll(() => harness?.close());

  async function send(channel: string, user: string, text: string, channelType: 'channel' | 'group' | 'im' | 'mpim' = 'channel') {
    const ids = nextSlackIds();
    const response = await harness.sender.send(slackMessageEvent({ teamId: TEAM, eventId: ids.eventId, channel, channelType, user, text, ts: ids.ts }));
    expect(response.status).toBe(200);
    return ids;
  }

  it('SEN-ING-03 passes a channel message from a CRM contact (normalized match) and stores it with the contact id', async () => {
    const timeline = await harness.tapEvents('timeline.appended');
    const ids = await send('CSALES', 'UCUST', 'renewal next week');
    await harness.waitForOutcome('passed', 1);
    const [row] = await harness.messages();
    expect(row).toMatchObject({
      user_id: ALICE.userId,
      integration_id: slackIntegrationId,
      source: 'slack',
      external_id: `${TEAM}:CSALES:${ids.ts}`,
      slack_event_id: ids.eventId,
      slack_channel_id: 'CSALES',
      body_text: 'renewal next week',
      direction: 'inbound',
      matched_contact_ids: [customerContactId],
    });
    await waitFor('timeline.appended', async () => timeline.length === 1);
    expect(timeline[0]!.id).toMatch(/^timeline:[0-9a-f]{32}$/);
    expect(timeline[0]!.data.messages).toEqual([{
      message_id: row!.id,
      user_id: ALICE.userId,
      integration_id: slackIntegrationId,
      source: 'slack',
      direction: 'inbound',
      occurred_at: (row!.occurred_at as Date).toISOString(),
      matched_contact_ids: [customerContactId],
    }]);
    expect(JSON.stringify(timeline[0])).not.toContain('renewal');
  });

  it('drops a message whose participants are strangers or have no address (dropped_no_crm_match)', async () => {
    const before = await harness.messageCount();
    await send('CSALES', 'USTRANGER', 'hello');
    await send('CSALES', 'UNOEMAIL', 'hi');
    await harness.waitForOutcome('dropped_no_crm_match', 2);
    expect(await harness.messageCount()).toBe(before);
  });

  it('SEN-ING-02 drops a message only the user took part in (dropped_self_user): self-exclusion by Slack id and address', async () => {
    const before = await harness.messageCount();
    await send('CSALES', 'UALICE', 'note to self');
    await harness.waitForOutcome('dropped_self_user', 1);
    expect(await harness.messageCount()).toBe(before);
  });

  it('never admits through the user\'s own address even if it is in the CRM', async () => {
    await harness.seedContact(ALICE.userId, crmIntegrationId, ['alice@our-company.com']);
    const before = await harness.outcome('dropped_self_user');
    await send('CSALES', 'UALICE', 'still only me');
    await harness.waitForOutcome('dropped_self_user', before + 1);
  });

  it('treats DM members as participants: the user writing to a contact in a DM is stored as outbound', async () => {
    harness.slack.setMembers('DCAROL', ['UALICE', 'UCUST']);
    const ids = await send('DCAROL', 'UALICE', 'sending the quote', 'im');
    const passed = await harness.outcome('passed');
    await harness.waitForOutcome('passed', passed + 1);
    const row = (await harness.messages()).find((message) => message.external_id === `${TEAM}:DCAROL:${ids.ts}`);
    expect(row).toMatchObject({ direction: 'outbound', participants_count: 2, matched_contact_ids: [customerContactId] });
  });

  it('stores nothing for a channel the user is not a member of', async () => {
    const before = await harness.messageCount();
    const unrouted = await harness.counter('ingest_unrouted_total', { reason: 'not_conversation_member' });
    await send('COTHER', 'UCUST', 'private to them');
    await waitFor('not-member count', async () => (await harness.counter('ingest_unrouted_total', { reason: 'not_conversation_member' })) > unrouted);
    expect(await harness.messageCount()).toBe(before);
  });

  it('SEN-ING-04 collapses a redelivered Slack event to one row (duplicate_event)', async () => {
    const ids = nextSlackIds();
    const event = slackMessageEvent({ teamId: TEAM, eventId: ids.eventId, channel: 'CSALES', channelType: 'channel', user: 'UCUST', text: 'twice', ts: ids.ts });
    const duplicates = await harness.outcome('duplicate_event');
    await harness.sender.send(event);
    await waitFor('first copy', async () => (await harness.messages()).some((message) => message.slack_event_id === ids.eventId));
    await harness.sender.send(event);
    await harness.waitForOutcome('duplicate_event', duplicates + 1);
    expect((await harness.messages()).filter((message) => message.slack_event_id === ids.eventId)).toHaveLength(1);
  });

  it('removes our stored copy on message_deleted, and keeps history when a contact is deleted later', async () => {
    const kept = await send('CSALES', 'UCUST', 'keep me');
    const removed = await send('CSALES', 'UCUST', 'delete me');
    await waitFor('both stored', async () => {
      const ids = (await harness.messages()).map((message) => message.external_id);
      return ids.includes(`${TEAM}:CSALES:${kept.ts}`) && ids.includes(`${TEAM}:CSALES:${removed.ts}`);
    });
    const deletion = nextSlackIds();
    await harness.sender.send(slackMessageEvent({ teamId: TEAM, eventId: deletion.eventId, channel: 'CSALES', ts: deletion.ts, subtype: 'message_deleted', deletedTs: removed.ts }));
    await waitFor('deleted', async () => !(await harness.messages()).some((message) => message.external_id === `${TEAM}:CSALES:${removed.ts}`));

    await harness.db.query(`UPDATE contacts SET deleted_at = now() WHERE id = $1`, [customerContactId]);
    const row = (await harness.messages()).find((message) => message.external_id === `${TEAM}:CSALES:${kept.ts}`);
    expect(row?.matched_contact_ids).toEqual([customerContactId]);
    await harness.db.query(`UPDATE contacts SET deleted_at = NULL WHERE id = $1`, [customerContactId]);
  });

  it('gates a source-agnostic item with raw addresses (normalization, self-exclusion by mailbox address)', async () => {
    const gmailIntegrationId = await harness.insertIntegration(ALICE.userId, 'gmail', 'alice@our-company.com', null);
    const base = { source: 'gmail', integration_id: gmailIntegrationId, user_id: ALICE.userId, conversation: { kind: 'email_thread', thread_id: 'th-1' }, subject: 'Quote', body_text: 'see attached', occurred_at: new Date().toISOString() };
    const passed = await harness.outcome('passed', 'gmail');
    const self = await harness.outcome('dropped_self_user', 'gmail');
    const none = await harness.outcome('dropped_no_crm_match', 'gmail');
    await harness.publishItem({ ...base, external_id: `gm-${randomUUID()}`, participants: [{ role: 'from', email: 'Alice <ALICE@our-company.com>' }, { role: 'to', email: 'mailto:Carol.Customer@CLIENT.com' }] });
    await harness.publishItem({ ...base, external_id: `gm-${randomUUID()}`, participants: [{ role: 'from', email: 'alice@our-company.com' }, { role: 'cc', email: ' ALICE@OUR-COMPANY.COM ' }] });
    await harness.publishItem({ ...base, external_id: `gm-${randomUUID()}`, participants: [{ role: 'from', email: 'carol.customer+deals@client.com' }, { role: 'to', email: 'not an address' }] });
    await harness.waitForOutcome('passed', passed + 1, 15_000, 'gmail');
    await harness.waitForOutcome('dropped_self_user', self + 1, 15_000, 'gmail');
    // `+tags` are not folded: an alias the CRM does not hold is not the contact.
    await harness.waitForOutcome('dropped_no_crm_match', none + 1, 15_000, 'gmail');
    const stored = (await harness.messages()).find((message) => message.source === 'gmail');
    expect(stored).toMatchObject({ direction: 'outbound', thread_id: 'th-1', subject: 'Quote', participants_count: 2, slack_channel_id: null });
  });

  it('SEN-ING-27 stores a message whose text holds NUL characters (PostgreSQL refuses them) without them, and its batch with it', async () => {
    const gmailIntegrationId = await harness.insertIntegration(ALICE.userId, 'gmail', 'alice.sales@our-company.com', null);
    const base = { source: 'gmail', integration_id: gmailIntegrationId, user_id: ALICE.userId, occurred_at: new Date().toISOString(), participants: [{ role: 'from', email: 'carol.customer@client.com' }] };
    const poisoned = `gm-${randomUUID()}`;
    const neighbour = `gm-${randomUUID()}`;
    const passed = await harness.outcome('passed', 'gmail');
    await harness.publishItem({ ...base, external_id: poisoned, conversation: { kind: 'email_thread', thread_id: 'th-\u0000nul' }, subject: 'Quote\u0000', body_text: 'a\u0000b' });
    // An identifier with a NUL is refused on its own (dead-lettered), never failing its neighbours.
    await harness.publishItem({ ...base, external_id: `gm-\u0000${randomUUID()}`, conversation: { kind: 'email_thread' }, body_text: 'x' });
    await harness.publishItem({ ...base, external_id: neighbour, conversation: { kind: 'email_thread', thread_id: 'th-2' }, subject: 'Plain', body_text: 'plain' });
    await harness.waitForOutcome('passed', passed + 2, 15_000, 'gmail');
    const stored = (await harness.messages()).filter((message) => message.external_id === poisoned || message.external_id === neighbour);
    expect(stored.map((message) => [message.subject, message.body_text, message.thread_id]).sort()).toEqual([
      ['Plain', 'plain', 'th-2'],
      ['Quote', 'ab', 'th-nul'],
    ]);
  });

  it('fails closed at once when the Slack token is revoked, storing nothing', async () => {
    const bob = { userId: 'user-bob', teamId: 'T0BOB', slackUserId: 'UBOB', token: 'xoxb-bob' };
    const { crmIntegrationId: bobCrm } = await harness.seedSlackUser(bob);
    harness.slack.addUser({ id: 'UDAN', email: 'dan@client.com' });
    await harness.seedContact(bob.userId, bobCrm, ['dan@client.com']);
    harness.slack.setMembers('CBOB', ['UBOB', 'UDAN']);
    harness.slack.revokeToken(bob.token);
    const before = await harness.messageCount();
    const failClosed = await harness.outcome('fail_closed');
    const ids = nextSlackIds();
    await harness.sender.send(slackMessageEvent({ teamId: 'T0BOB', eventId: ids.eventId, channel: 'CBOB', user: 'UDAN', text: 'x', ts: ids.ts }));
    await harness.waitForOutcome('fail_closed', failClosed + 1);
    expect(await harness.messageCount()).toBe(before);
    expect(await harness.counter('ingest_gate_retries_total', { reason: 'slack_token_rejected' })).toBe(0);
  });

  it('retries a rate-limited lookup through the broker and admits the item once Slack answers', async () => {
    const erin = { userId: 'user-erin', teamId: 'T0ERIN', slackUserId: 'UERIN', token: 'xoxb-erin' };
    const { crmIntegrationId: erinCrm } = await harness.seedSlackUser(erin);
    harness.slack.addUser({ id: 'UFAY', email: 'fay@client.com' });
    await harness.seedContact(erin.userId, erinCrm, ['fay@client.com']);
    harness.slack.setMembers('CERIN', ['UERIN', 'UFAY']);
    harness.slack.setRateLimited(1, 2);
    const ids = nextSlackIds();
    await harness.sender.send(slackMessageEvent({ teamId: 'T0ERIN', eventId: ids.eventId, channel: 'CERIN', user: 'UFAY', text: 'y', ts: ids.ts }));
    await waitFor('stored after retry', async () => (await harness.messages()).some((message) => message.slack_event_id === ids.eventId), 15_000);
    expect(await harness.counter('ingest_gate_retries_total', { reason: 'slack_rate_limited' })).toBeGreaterThanOrEqual(1);
  });

  it('SEN-ING-14 drops as fail_closed after the bounded attempts while Slack stays unreachable', async () => {
    const gus = { userId: 'user-gus', teamId: 'T0GUS', slackUserId: 'UGUS', token: 'xoxb-gus' };
    await harness.seedSlackUser(gus);
    harness.slack.setMembers('CGUS', ['UGUS', 'UHAL']);
    const failClosed = await harness.outcome('fail_closed');
    harness.slack.setNetworkDown(true);
    try {
      const ids = nextSlackIds();
      await harness.sender.send(slackMessageEvent({ teamId: 'T0GUS', eventId: ids.eventId, channel: 'CGUS', user: 'UHAL', text: 'z', ts: ids.ts }));
      await harness.waitForOutcome('fail_closed', failClosed + 1, 20_000);
      expect((await harness.messages()).some((message) => message.slack_event_id === ids.eventId)).toBe(false);
    } finally {
      harness.slack.setNetworkDown(false);
    }
  });

  it('SEN-ING-24 wrote no participant address or token to a log line or a metric', () => canary.expectNoLeaks());
});
