// Test-only: the dev identity (a tool app) stands in for the external identity service in-process.
import { startDevIdentity, type DevIdentityHandle } from '@sentinel/dev-identity';
import { waitFor } from '@sentinel/testing';
import { usePiiCanary } from '@sentinel/testing-services';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { RiskHarness, timelineEvent, type SeededDeal } from './support/risk-harness';

jest.setTimeout(60_000);

const DAY = 86_400_000;

describe('deals over HTTP (deal-team guard, paging, notes, timeline events)', () => {
  const canary = usePiiCanary();
  let identity: DevIdentityHandle;
  let harness: RiskHarness;
  let deal: SeededDeal;
  let otherDeal: SeededDeal;

  const token = async (subject: string) => (await identity.mintToken({ subject })).token;
  const get = async (path: string, subject: string) => request(harness.service.url).get(path).set('Authorization', `Bearer ${await token(subject)}`);
  const postNote = async (dealId: string, subject: string, body: unknown) =>
    request(harness.service.url).post(`/deals/${dealId}/notes`).set('Authorization', `Bearer ${await token(subject)}`).send({ body });

  beforeAll(async () => {
    identity = await startDevIdentity({});
    harness = await RiskHarness.start({ ...identity.serviceEnv });
    const tenant = harness.stack.tenantId;
    const member = [{ id: tenant, role: 'member' }];
    for (const user of ['user-owner', 'user-member', 'user-stranger', 'user-nobody', 'user-added']) await identity.createUser({ id: user, tenants: member });
    await identity.createUser({ id: 'user-admin', tenants: [], isSystemAdmin: true });
    for (const user of ['user-owner', 'user-member', 'user-stranger', 'user-added']) {
      await identity.setPolicy({
        userId: user,
        tenantId: tenant,
        permissions: [`tenant.${tenant}.crm.deals.view`, `tenant.${tenant}.crm.deal_notes.create`, `tenant.${tenant}.crm.deal_teams.manage`],
      });
    }
    deal = await harness.seedDeal('user-owner', { contacts: 3, name: `Acme renewal ${canary.marker('deal')}`, stage: 'proposal' });
    otherDeal = await harness.seedDeal('user-owner', { contacts: 1, name: `Beta pilot ${canary.marker('deal')}`, stage: 'qualification', closeDate: '2020-01-31' });
    await harness.addTeamMember(deal.dealId, 'user-member');
  });

  afterAll(async () => {
    await harness?.close();
    await identity?.close();
  });

  describe('deal-team guard', () => {
    it.each([
      ['owner (integration user, added on sync)', 'user-owner', 200],
      ['team member', 'user-member', 200],
      ['stranger with the permission', 'user-stranger', 403],
      ['system administrator', 'user-admin', 200],
    ])('%s (%s): deal, timeline and notes answer %s', async (_label, subject, status) => {
      expect((await get(`/deals/${deal.dealId}`, subject)).status).toBe(status);
      expect((await get(`/deals/${deal.dealId}/timeline`, subject)).status).toBe(status);
      expect((await postNote(deal.dealId, subject, `note by ${subject}`)).status).toBe(status === 200 ? 201 : status);
    });

    it('refuses a stranger with the structured 403 naming the deal', async () => {
      const response = await get(`/deals/${deal.dealId}`, 'user-stranger');
      expect(response.body).toEqual({
        message: 'Insufficient permissions.',
        error: 'permission_denied',
        required_permission: `tenant.${harness.stack.tenantId}.crm.deals.view`,
        resource_type: 'deals',
        resource_id: deal.dealId,
        user_id: 'user-stranger',
      });
      const note = await postNote(deal.dealId, 'user-stranger', 'hello');
      expect(note.body).toMatchObject({ resource_type: 'deals', resource_id: deal.dealId, required_permission: `tenant.${harness.stack.tenantId}.crm.deal_notes.create` });
    });

    it('answers 404 for a missing deal, to members and admins alike', async () => {
      for (const subject of ['user-owner', 'user-stranger', 'user-admin']) {
        const response = await get(`/deals/${randomUUID()}`, subject);
        expect(response.status).toBe(404);
        expect(response.body).toEqual({ error: 'deal_not_found', message: 'Deal not found.' });
      }
      expect((await get(`/deals/${randomUUID()}/timeline`, 'user-owner')).status).toBe(404);
      expect((await postNote(randomUUID(), 'user-owner', 'x')).status).toBe(404);
    });

    it('needs a token (401) and the permission (403)', async () => {
      expect((await request(harness.service.url).get('/deals')).status).toBe(401);
      expect((await get('/deals', 'user-nobody')).status).toBe(403);
    });

    it('lists only the deals of the caller\'s teams (all of them for an admin)', async () => {
      const ids = async (subject: string) => (await get('/deals?sort=name', subject)).body.data.map((item: { id: string }) => item.id);
      expect(await ids('user-owner')).toEqual([deal.dealId, otherDeal.dealId]);
      expect(await ids('user-member')).toEqual([deal.dealId]);
      expect(await ids('user-stranger')).toEqual([]);
      expect(await ids('user-admin')).toEqual([deal.dealId, otherDeal.dealId]);
    });
  });

  describe('list', () => {
    it('pages, sorts by a whitelisted field and filters by stage and risk level', async () => {
      const page = await get('/deals?sort=-name&per_page=1&page=2', 'user-owner');
      expect(page.body).toMatchObject({ page: 2, per_page: 1, total: 2 });
      expect(page.body.data.map((item: { id: string }) => item.id)).toEqual([deal.dealId]);
      const byStage = await get('/deals?stage=qualification', 'user-owner');
      expect(byStage.body.data.map((item: { id: string }) => item.id)).toEqual([otherDeal.dealId]);
      // Beta pilot: no meeting (20) + close date passed (25) = 45, medium; Acme: no meeting only, low.
      const medium = await get('/deals?risk_level=medium', 'user-owner');
      expect(medium.body.data.map((item: { id: string; risk: { score: number } }) => [item.id, item.risk.score])).toEqual([[otherDeal.dealId, 45]]);
      expect(medium.body.data[0].risk.reasons.map((reason: { code: string }) => reason.code)).toEqual(['no_recent_meeting', 'close_date_passed']);
    });

    it.each([
      ['/deals?per_page=101'],
      ['/deals?per_page=1000000'],
      ['/deals?per_page=-1'],
      ['/deals?sort=owner_external_id'],
      ['/deals?sort=name;DROP TABLE deals'],
      ['/deals?risk_level=extreme'],
      ['/deals?page=0'],
    ])('refuses %s with 400', async (path) => {
      const response = await get(path, 'user-owner');
      expect(response.status).toBe(400);
    });

    it('refuses timeline paging and sort abuse with 400', async () => {
      expect((await get(`/deals/${deal.dealId}/timeline?per_page=101`, 'user-owner')).status).toBe(400);
      expect((await get(`/deals/${deal.dealId}/timeline?sort=body`, 'user-owner')).status).toBe(400);
    });
  });

  describe('notes', () => {
    it('stores a sanitized body and shows it on the timeline', async () => {
      const dirty = `**Call** went well ${canary.marker('note')} <script>alert(1)</script><img src=x onerror="alert(2)"> [docs](javascript:alert(3)) <a href="JaVaScRiPt:alert(4)">x</a>`;
      const response = await postNote(otherDeal.dealId, 'user-owner', dirty);
      expect(response.status).toBe(201);
      expect(response.body.body).toContain('**Call** went well');
      for (const forbidden of ['<script', 'onerror', 'javascript:', 'JaVaScRiPt']) expect(response.body.body).not.toContain(forbidden);
      const timeline = await get(`/deals/${otherDeal.dealId}/timeline`, 'user-owner');
      expect(timeline.body.data[0]).toMatchObject({ kind: 'note', source: 'note', id: response.body.id, body: response.body.body, author_user_id: 'user-owner' });
    });

    it('records each created note in the audit trail, with ids and length only', async () => {
      const note = canary.text('note');
      const response = await postNote(otherDeal.dealId, 'user-owner', note);
      expect(response.status).toBe(201);
      const { rows } = await harness.db.query(
        `SELECT event, actor_user_id, subject_type, subject_id, properties FROM activity_log WHERE event = 'deal.note_created' AND properties->>'note_id' = $1`,
        [response.body.id],
      );
      expect(rows).toEqual([
        {
          event: 'deal.note_created',
          actor_user_id: 'user-owner',
          subject_type: 'deal',
          subject_id: otherDeal.dealId,
          properties: { note_id: response.body.id, length: note.length },
        },
      ]);
    });

    it('refuses a body that is empty once sanitized (400) and a missing body (400)', async () => {
      expect((await postNote(otherDeal.dealId, 'user-owner', '<script>alert(1)</script>')).body).toEqual({
        error: 'note_empty',
        message: 'The note body is empty after sanitizing.',
      });
      expect((await postNote(otherDeal.dealId, 'user-owner', undefined)).status).toBe(400);
      expect((await postNote(otherDeal.dealId, 'user-owner', 42)).status).toBe(400);
    });
  });

  describe('timeline.appended', () => {
    it('is consumed idempotently: the same event delivered twice makes one entry', async () => {
      const fresh = await harness.seedDeal('user-owner', { contacts: 2 });
      const event = timelineEvent('user-owner', fresh.integrationId, [fresh.contactIds[0]], { occurred_at: new Date(Date.now() - 16 * DAY).toISOString() });
      await harness.publishTimeline(event, 'first');
      await harness.publishTimeline(event, 'first');
      // A republish in another batch under another envelope id (ingest after a lost confirm) is the same message too.
      const marker = timelineEvent('user-owner', fresh.integrationId, [fresh.contactIds[1]], { direction: 'outbound' });
      await harness.publishTimeline([event, marker], 'retry');
      await waitFor('marker entry', async () => (await harness.entryCount(fresh.dealId)) === 2);

      const timeline = await get(`/deals/${fresh.dealId}/timeline?sort=occurred_at`, 'user-owner');
      expect(timeline.body.data.map((entry: { id: string }) => entry.id)).toEqual([event.message_id, marker.message_id]);
      expect(timeline.body.data[0]).toMatchObject({ kind: 'message', source: 'gmail', direction: 'inbound', contact_ids: [fresh.contactIds[0]] });

      const { rows } = await harness.db.query(`SELECT inbound_count, outbound_count FROM deal_risk_aggregates WHERE deal_id = $1`, [fresh.dealId]);
      expect(rows).toEqual([{ inbound_count: 1, outbound_count: 1 }]);
      const risk = (await get(`/deals/${fresh.dealId}`, 'user-owner')).body.risk;
      expect(risk.reasons.map((reason: { code: string }) => reason.code)).toEqual(['buyer_silent', 'single_contact_engaged', 'no_recent_meeting']);
      expect(risk.reasons[0].message).toMatch(/^The buyer has been silent for 16 days/);
    });

    it('ignores a message whose contacts are on no deal, and another user\'s contacts', async () => {
      const fresh = await harness.seedDeal('user-owner', { contacts: 1 });
      await harness.publishTimeline(timelineEvent('user-owner', fresh.integrationId, [randomUUID()]));
      await harness.publishTimeline(timelineEvent('user-member', fresh.integrationId, fresh.contactIds));
      const marker = timelineEvent('user-owner', fresh.integrationId, fresh.contactIds);
      await harness.publishTimeline(marker);
      await waitFor('marker entry', async () => (await harness.entryCount(fresh.dealId)) >= 1);
      expect(await harness.entryCount(fresh.dealId)).toBe(1);
    });
  });

  describe('contacts.synced', () => {
    it('puts earlier messages on a deal the sync linked them to, once, with its aggregate', async () => {
      const base = await harness.seedDeal('user-owner', { contacts: 2 });
      const [first, second] = base.contactIds;
      const inbound = await harness.seedMessage('user-owner', base.integrationId, [first], 'inbound', new Date(Date.now() - 20 * DAY));
      const outbound = await harness.seedMessage('user-owner', base.integrationId, [second], 'outbound', new Date(Date.now() - 18 * DAY));
      await harness.seedMessage('user-owner', base.integrationId, [randomUUID()], 'inbound', new Date());
      const later = await harness.seedLinkedDeal('user-owner', base.integrationId, [first, second]);
      const synced = { integration_id: base.integrationId, provider: 'hubspot', phase: 'incremental', fetched: 1, created: 0, updated: 1, deleted: 0, deals_fetched: 1, duration_ms: 5 };
      await harness.publish('contacts.synced', synced);
      await harness.publish('contacts.synced', synced);
      await waitFor('backfilled entries', async () => (await harness.entryCount(later)) === 2);

      const timeline = await get(`/deals/${later}/timeline?sort=occurred_at`, 'user-owner');
      expect(timeline.body.data.map((entry: { id: string }) => entry.id)).toEqual([inbound, outbound]);
      expect(await harness.entryCount(base.dealId)).toBe(2);
      const { rows } = await harness.db.query(`SELECT inbound_count, outbound_count FROM deal_risk_aggregates WHERE deal_id = $1`, [later]);
      expect(rows).toEqual([{ inbound_count: 1, outbound_count: 1 }]);
      const risk = (await get(`/deals/${later}`, 'user-owner')).body.risk;
      expect(risk.reasons[0]).toMatchObject({ code: 'buyer_silent', facts: { days_silent: 20 } });
    });
  });

  describe('team', () => {
    const send = async (method: 'put' | 'delete', path: string, subject: string) =>
      request(harness.service.url)[method](path).set('Authorization', `Bearer ${await token(subject)}`);

    it('lists the team to its members only', async () => {
      const team = await get(`/deals/${deal.dealId}/team`, 'user-member');
      expect(team.status).toBe(200);
      expect(team.body.map((item: { user_id: string; role: string }) => [item.user_id, item.role])).toEqual([
        ['user-owner', 'owner'],
        ['user-member', 'member'],
      ]);
      expect((await get(`/deals/${deal.dealId}/team`, 'user-stranger')).status).toBe(403);
    });

    it('lets the owner add and remove a member, who gains and loses access', async () => {
      const path = `/deals/${deal.dealId}/team/user-added`;
      expect((await get(`/deals/${deal.dealId}`, 'user-added')).status).toBe(403);
      const added = await send('put', path, 'user-owner');
      expect(added.status).toBe(200);
      expect(added.body).toEqual({ user_id: 'user-added', role: 'member' });
      expect((await send('put', path, 'user-owner')).body).toEqual({ user_id: 'user-added', role: 'member' });
      expect((await get(`/deals/${deal.dealId}`, 'user-added')).status).toBe(200);
      expect((await send('delete', path, 'user-owner')).status).toBe(204);
      expect((await get(`/deals/${deal.dealId}`, 'user-added')).status).toBe(403);
    });

    it('refuses team changes by members and strangers (403), keeps the owner (409), and validates ids (400)', async () => {
      const member = await send('put', `/deals/${deal.dealId}/team/user-added`, 'user-member');
      expect(member.status).toBe(403);
      expect(member.body).toMatchObject({ resource_type: 'deals', resource_id: deal.dealId, required_permission: `tenant.${harness.stack.tenantId}.crm.deal_teams.manage` });
      expect((await send('put', `/deals/${deal.dealId}/team/user-stranger`, 'user-stranger')).status).toBe(403);
      expect((await send('put', `/deals/${deal.dealId}/team/user-owner`, 'user-owner')).body).toEqual({ user_id: 'user-owner', role: 'owner' });
      expect((await send('delete', `/deals/${deal.dealId}/team/user-owner`, 'user-admin')).body).toMatchObject({ error: 'owner_not_removable' });
      expect((await send('delete', `/deals/${deal.dealId}/team/user-nobody`, 'user-owner')).status).toBe(404);
      expect((await send('put', `/deals/${deal.dealId}/team/a%20b`, 'user-owner')).status).toBe(400);
      expect((await send('put', `/deals/${randomUUID()}/team/user-added`, 'user-owner')).status).toBe(404);
    });
  });

  it('SEN-ING-24 wrote no deal name or note body to a log line or a metric', () => canary.expectNoLeaks());
});
