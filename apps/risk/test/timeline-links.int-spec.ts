import { randomUUID } from 'node:crypto';
import { DealApi } from './support/deal-api';
import type { SeededDeal } from './support/risk-harness';

jest.setTimeout(60_000);

describe('deal timeline links (polymorphic related_type through the allow-list)', () => {
  let api: DealApi;
  let deal: SeededDeal;
  let otherUsersDeal: SeededDeal;

  const link = (body: unknown, subject = 'user-owner', dealId = deal.dealId) => api.as(subject).post(`/deals/${dealId}/timeline/links`).send(body as object);
  const linkCount = async () => Number((await api.harness.db.query<{ count: string }>(`SELECT count(*) FROM deal_timeline_links`)).rows[0].count);

  beforeAll(async () => {
    api = await DealApi.start({ members: ['user-owner', 'user-other', 'user-stranger'] }, ['crm.deals.view', 'crm.deal_links.create']);
    deal = await api.harness.seedDeal('user-owner', { contacts: 2 });
    otherUsersDeal = await api.harness.seedDeal('user-other', { contacts: 1 });
  });

  afterAll(() => api?.close());

  it('links each of the four types to an entity of the deal\'s user, idempotently, and audits new links', async () => {
    const sibling = await api.harness.seedLinkedDeal('user-owner', deal.integrationId, deal.contactIds);
    const message = await api.harness.seedMessage('user-owner', deal.integrationId, deal.contactIds, 'inbound', new Date());
    const meeting = randomUUID();
    await api.harness.db.query(
      `INSERT INTO messages (id, user_id, integration_id, source, external_id, body_text, occurred_at, direction, matched_contact_ids, participants_count)
       VALUES ($1, 'user-owner', $2, 'calendar', $3, 'meeting', now(), 'inbound', $4, 2)`,
      [meeting, deal.integrationId, `cal-${meeting}`, deal.contactIds],
    );
    for (const [relatedType, relatedId] of [['deal', sibling], ['contact', deal.contactIds[0]], ['message', message], ['calendar_event', meeting]]) {
      const created = await link({ related_type: relatedType, related_id: relatedId }).expect(201);
      expect(created.body).toMatchObject({ deal_id: deal.dealId, related_type: relatedType, related_id: relatedId, created_by_user_id: 'user-owner' });
      const again = await link({ related_type: relatedType, related_id: relatedId }).expect(201);
      expect(again.body.id).toBe(created.body.id);
    }
    const page = await api.as('user-owner').get(`/deals/${deal.dealId}/timeline/links?per_page=10&sort=created_at`).expect(200);
    expect(page.body.data.map((item: { related_type: string }) => item.related_type)).toEqual(['deal', 'contact', 'message', 'calendar_event']);
    expect((await api.auditProperties('deal.timeline_linked')).length).toBe(4);
    expect((await link({ related_type: 'calendar_event', related_id: message })).status).toBe(422);
    expect((await link({ related_type: 'message', related_id: meeting })).status).toBe(422);
  });

  it.each([
    ['user'],
    ['users'],
    ['Deal'],
    ['DEAL'],
    ['deal '],
    ['App\\Models\\User'],
    ['organization'],
    ['integration'],
    ['activity_log'],
    ['__proto__'],
    [''],
    [42],
    [null],
    [['deal']],
    [{ type: 'deal' }],
  ])('SEN-HRD-07 answers 422 for related_type %p and stores nothing', async (relatedType) => {
    const before = await linkCount();
    const response = await link({ related_type: relatedType, related_id: deal.contactIds[0] }).expect(422);
    expect(response.body).toEqual({
      error: 'related_type_not_allowed',
      message: 'related_type must be one of: deal, contact, message, calendar_event.',
      allowed: ['deal', 'contact', 'message', 'calendar_event'],
    });
    expect(await linkCount()).toBe(before);
  });

  it('answers 422 when related_type is missing', async () => {
    expect((await link({ related_id: deal.contactIds[0] })).status).toBe(422);
  });

  it.each([
    ['an unknown contact', () => ({ related_type: 'contact', related_id: randomUUID() })],
    ["another user's contact", () => ({ related_type: 'contact', related_id: otherUsersDeal.contactIds[0] })],
    ["another user's deal", () => ({ related_type: 'deal', related_id: otherUsersDeal.dealId })],
    ['the deal itself', () => ({ related_type: 'deal', related_id: deal.dealId })],
  ])('answers 422 related_entity_not_found for %s', async (_label, body) => {
    const response = await link(body()).expect(422);
    expect(response.body.error).toBe('related_entity_not_found');
  });

  it('answers 400 for a related_id that is not a UUID, and keeps the deal-team guard first', async () => {
    expect((await link({ related_type: 'contact', related_id: '1 OR 1=1' })).status).toBe(400);
    const stranger = await link({ related_type: 'contact', related_id: deal.contactIds[0] }, 'user-stranger').expect(403);
    expect(stranger.body).toMatchObject({ resource_type: 'deals', resource_id: deal.dealId });
    await link({ related_type: 'contact', related_id: deal.contactIds[0] }, 'user-owner', randomUUID()).expect(404);
  });
});
