import { randomUUID } from 'node:crypto';
import { DealApi } from './support/deal-api';
import type { SeededDeal } from './support/risk-harness';

jest.setTimeout(60_000);

describe('tags and the deal tag sync', () => {
  let api: DealApi;
  let deal: SeededDeal;
  let tagIds: string[];

  const sync = (subject: string, tag_ids: unknown, dealId = deal.dealId) => api.as(subject).put(`/deals/${dealId}/tags`).send({ tag_ids });
  const dealTagIds = async () =>
    (await api.harness.db.query<{ tag_id: string }>(`SELECT tag_id FROM deal_tags WHERE deal_id = $1 ORDER BY tag_id`, [deal.dealId])).rows.map((row) => row.tag_id);

  beforeAll(async () => {
    api = await DealApi.start({ members: ['user-owner', 'user-stranger'], withoutPermissions: ['user-nobody'] }, ['crm.deals.view', 'crm.tags.view', 'crm.tags.manage', 'crm.deal_tags.manage']);
    deal = await api.harness.seedDeal('user-owner');
    tagIds = [];
    for (const name of ['renewal', 'at-risk', 'enterprise']) tagIds.push((await api.as('user-owner').post('/tags').send({ name }).expect(201)).body.id);
  });

  afterAll(() => api?.close());

  it('creates tags once per name and lists them paged by a whitelisted sort', async () => {
    const taken = await api.as('user-owner').post('/tags').send({ name: 'renewal' }).expect(409);
    expect(taken.body).toEqual({ error: 'tag_name_taken', message: 'A tag of that name exists already.' });
    const page = await api.as('user-owner').get('/tags?sort=-name&per_page=2').expect(200);
    expect(page.body).toMatchObject({ page: 1, per_page: 2, total: 3 });
    expect(page.body.data.map((tag: { name: string }) => tag.name)).toEqual(['renewal', 'enterprise']);
    await api.as('user-owner').get('/tags?per_page=101').expect(400);
    await api.as('user-owner').get('/tags?sort=id').expect(400);
    await api.as('user-nobody').get('/tags').expect(403);
  });

  it('replaces the deal tag set and audits the sync', async () => {
    const first = await sync('user-owner', [tagIds[0], tagIds[1]]).expect(200);
    expect(first.body.tags.map((tag: { id: string }) => tag.id).sort()).toEqual([tagIds[0], tagIds[1]].sort());
    await sync('user-owner', [tagIds[2]]).expect(200);
    expect(await dealTagIds()).toEqual([tagIds[2]]);
    const read = await api.as('user-owner').get(`/deals/${deal.dealId}/tags`).expect(200);
    expect(read.body).toEqual({ deal_id: deal.dealId, tags: [expect.objectContaining({ id: tagIds[2], name: 'enterprise' })] });
    expect(await api.auditProperties('deal.tags_synced')).toContainEqual({ tag_ids: [tagIds[2]], added: 1, removed: 2 });
    await sync('user-owner', []).expect(200);
    expect(await dealTagIds()).toEqual([]);
  });

  it.each([
    ['a duplicate id', () => [tagIds[0], tagIds[1], tagIds[0]], () => ({ duplicate_ids: [tagIds[0]], unknown_ids: [] })],
    ['an unknown id', () => [tagIds[0], 'ffffffff-ffff-4fff-8fff-ffffffffffff'], () => ({ duplicate_ids: [], unknown_ids: ['ffffffff-ffff-4fff-8fff-ffffffffffff'] })],
    ['a malformed id', () => ['not-a-tag', tagIds[1]], () => ({ duplicate_ids: [], unknown_ids: ['not-a-tag'] })],
    ['both, each named once', () => ['x', 'x', tagIds[2], tagIds[2]], () => ({ duplicate_ids: ['x', tagIds[2]], unknown_ids: ['x'] })],
  ])('SEN-HRD-10 answers 422 naming %s, and changes nothing', async (_label, ids, named) => {
    await sync('user-owner', [tagIds[1]]).expect(200);
    const response = await sync('user-owner', ids()).expect(422);
    expect(response.body).toEqual({ error: 'invalid_ids', message: 'The id list must hold distinct ids that exist.', ...named() });
    expect(await dealTagIds()).toEqual([tagIds[1]]);
  });

  it.each([
    ['not a list', 'tag-1'],
    ['a list of numbers', [1, 2]],
    ['more than 100 ids', Array.from({ length: 101 }, () => randomUUID())],
  ])('answers 400 for tag_ids that are %s', async (_label, tagIds) => {
    expect((await sync('user-owner', tagIds)).status).toBe(400);
  });

  it('puts the sync behind the deal-team guard', async () => {
    const stranger = await sync('user-stranger', []).expect(403);
    expect(stranger.body).toMatchObject({ resource_type: 'deals', resource_id: deal.dealId });
    await sync('user-owner', [], randomUUID()).expect(404);
    await api.as('user-stranger').get(`/deals/${deal.dealId}/tags`).expect(403);
  });
});
