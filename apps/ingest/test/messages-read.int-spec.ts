// Test-only: the dev identity (a tool app) stands in for the external identity service in-process.
import { startDevIdentity, type DevIdentityHandle } from '@sentinel/dev-identity';
// Test-only: the Slack fake (a tool) stands in for Slack in-process.
import { slackMessageEvent } from '@sentinel/fakes';
import { waitFor } from '@sentinel/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { MessageReadRepository } from '../src/repositories/message-read.repository';
import { IngestHarness, nextSlackIds } from './support/ingest-harness';

jest.setTimeout(60_000);

const TEAM = 'T0READ';

describe('GET /messages and GET /messages/:id', () => {
  let identity: DevIdentityHandle;
  let harness: IngestHarness;
  let carolId: string;
  let daveId: string;
  const ids: Record<string, string> = {};

  const token = async (subject: string) => (await identity.mintToken({ subject })).token;
  const get = async (path: string, subject: string) => request(harness.service.url).get(path).set('Authorization', `Bearer ${await token(subject)}`);

  beforeAll(async () => {
    identity = await startDevIdentity({});
    harness = await IngestHarness.start({
      env: { ...identity.serviceEnv, SLACK_DIRECTORY_CACHE_SECONDS: '1' },
    });
    const tenant = harness.stack.tenantId;
    const member = [{ id: tenant, role: 'member' }];
    for (const user of ['user-alice', 'user-bob', 'user-eve']) await identity.createUser({ id: user, tenants: member });
    for (const user of ['user-alice', 'user-bob']) {
      await identity.setPolicy({ userId: user, tenantId: tenant, permissions: [`tenant.${tenant}.crm.messages.view`] });
    }

    const alice = await harness.seedSlackUser({ userId: 'user-alice', teamId: TEAM, slackUserId: 'UALICE', token: 'xoxb-alice' });
    const bob = await harness.seedSlackUser({ userId: 'user-bob', teamId: TEAM, slackUserId: 'UBOB', token: 'xoxb-bob' });
    harness.slack.addUser({ id: 'UCAROL', email: 'carol@client.com' });
    harness.slack.addUser({ id: 'UDAVE', email: 'dave@client.com' });
    carolId = await harness.seedContact('user-alice', alice.crmIntegrationId, ['carol@client.com']);
    daveId = await harness.seedContact('user-alice', alice.crmIntegrationId, ['dave@client.com']);
    await harness.seedContact('user-bob', bob.crmIntegrationId, ['carol@client.com']);
    harness.slack.setMembers('CSHARED', ['UALICE', 'UBOB', 'UCAROL']);
    harness.slack.setMembers('CALICE', ['UALICE', 'UDAVE']);

    const send = async (channel: string, user: string, text: string) => {
      const slack = nextSlackIds();
      await harness.sender.send(slackMessageEvent({ teamId: TEAM, eventId: slack.eventId, channel, user, text, ts: slack.ts }));
      return slack.ts;
    };
    const sharedTs = await send('CSHARED', 'UCAROL', 'shared');
    const aliceTs = await send('CALICE', 'UDAVE', 'alice only');
    await waitFor('three copies', async () => (await harness.messageCount()) === 3);
    for (const row of await harness.messages()) {
      const key = row.external_id === `${TEAM}:CSHARED:${sharedTs}` ? `shared-${String(row.user_id)}` : row.external_id === `${TEAM}:CALICE:${aliceTs}` ? 'alice-only' : 'other';
      ids[key] = String(row.id);
    }
  });

  afterAll(async () => {
    await harness?.close();
    await identity?.close();
  });

  it('needs a token (401) and the crm.messages.view permission (403)', async () => {
    expect((await request(harness.service.url).get('/messages')).status).toBe(401);
    expect((await get('/messages', 'user-eve')).status).toBe(403);
  });

  it('lists only the caller\'s own messages, paged and sorted', async () => {
    const alice = await get('/messages?sort=occurred_at&per_page=10', 'user-alice');
    expect(alice.status).toBe(200);
    expect(alice.body).toMatchObject({ page: 1, per_page: 10, total: 2 });
    expect(alice.body.data.map((message: { id: string }) => message.id)).toEqual([ids['shared-user-alice'], ids['alice-only']]);
    const bob = await get('/messages', 'user-bob');
    expect(bob.body.data.map((message: { id: string }) => message.id)).toEqual([ids['shared-user-bob']]);
    const second = await get('/messages?sort=occurred_at&per_page=1&page=2', 'user-alice');
    expect(second.body.data.map((message: { id: string }) => message.id)).toEqual([ids['alice-only']]);
    expect(second.body.total).toBe(2);
    // Past the last page the total is still the caller's count, with no rows to carry it.
    const beyond = await get('/messages?sort=occurred_at&per_page=1&page=5', 'user-alice');
    expect(beyond.body).toMatchObject({ page: 5, per_page: 1, total: 2, data: [] });
  });

  it('filters by contact', async () => {
    const byDave = await get(`/messages?contact_id=${daveId}`, 'user-alice');
    expect(byDave.body.data.map((message: { id: string }) => message.id)).toEqual([ids['alice-only']]);
    expect(byDave.body.data[0].matched_contact_ids).toEqual([daveId]);
    const byCarol = await get(`/messages?contact_id=${carolId}`, 'user-alice');
    expect(byCarol.body.data.map((message: { id: string }) => message.id)).toEqual([ids['shared-user-alice']]);
    expect(byCarol.body.total).toBe(1);
    const byNobody = await get('/messages?contact_id=22222222-2222-4222-8222-222222222222', 'user-alice');
    expect(byNobody.body).toMatchObject({ total: 0, data: [] });
  });

  it('refuses per_page above 100, a sort field off the whitelist and a malformed contact id (400)', async () => {
    expect((await get('/messages?per_page=101', 'user-alice')).status).toBe(400);
    expect((await get('/messages?sort=body_text', 'user-alice')).status).toBe(400);
    expect((await get('/messages?contact_id=nope', 'user-alice')).status).toBe(400);
  });

  it('answers GET /messages/:id for the owner and 404 for anyone else', async () => {
    const own = await get(`/messages/${ids['alice-only']}`, 'user-alice');
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ id: ids['alice-only'], source: 'slack', slack_channel_id: 'CALICE', body_text: 'alice only' });
    for (const [id, subject] of [[ids['alice-only'], 'user-bob'], [ids['shared-user-bob'], 'user-alice'], [randomUUID(), 'user-alice']] as const) {
      const response = await get(`/messages/${id}`, subject);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: 'message_not_found' });
    }
  });

  it('hides a Slack channel message (404) once the caller is no longer a member of the channel', async () => {
    harness.slack.setMembers('CALICE', ['UDAVE']);
    await waitFor('member cache expiry', async () => (await get(`/messages/${ids['alice-only']}`, 'user-alice')).status === 404, 10_000, 300);
    const list = await get('/messages', 'user-alice');
    expect(list.body.data.map((message: { id: string }) => message.id)).toEqual([ids['shared-user-alice']]);
    harness.slack.setMembers('CALICE', ['UALICE', 'UDAVE']);
  });

  it('fails closed when Slack cannot confirm membership', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    harness.slack.setNetworkDown(true);
    try {
      expect((await get(`/messages/${ids['shared-user-alice']}`, 'user-alice')).status).toBe(404);
    } finally {
      harness.slack.setNetworkDown(false);
    }
  });

  it('finds in one query the given messages that carry attachments and are still their user\'s, in the order given', async () => {
    const attachment = [{ filename: 'a.pdf', mime_type: 'application/pdf', size: 3, provider_id: 'att-1' }];
    const withAttachments = [ids['alice-only'], ids['shared-user-bob']];
    await harness.db.query(`UPDATE messages SET attachments = $2::jsonb WHERE id = ANY($1::uuid[])`, [withAttachments, JSON.stringify(attachment)]);
    try {
      const found = await harness.service.app.get(MessageReadRepository).findOwnedWithAttachments([
        { userId: 'user-bob', messageId: String(ids['shared-user-bob']) },
        { userId: 'user-alice', messageId: String(ids['shared-user-alice']) }, // hers, no attachments
        { userId: 'user-bob', messageId: String(ids['alice-only']) }, // not his
        { userId: 'user-alice', messageId: String(ids['alice-only']) },
      ]);
      expect(found.map((message) => [message.id, message.userId])).toEqual([
        [ids['shared-user-bob'], 'user-bob'],
        [ids['alice-only'], 'user-alice'],
      ]);
      expect(found[0]?.attachments).toEqual(attachment);
      expect(await harness.service.app.get(MessageReadRepository).findOwnedWithAttachments([])).toEqual([]);
    } finally {
      await harness.db.query(`UPDATE messages SET attachments = '[]'::jsonb WHERE id = ANY($1::uuid[])`, [withAttachments]);
    }
  });
});
