import { randomUUID } from 'node:crypto';
import type { CorpusContext } from '../corpus-context';
import type { HostileCase } from '../hostile-case';
import { bearer } from '../route-catalogue';
import { blnsSample } from './blns';

/** What the linkable-type allow-list accepts; blns values equal to one are left out. */
const RELATED_TYPES = ['deal', 'contact', 'message', 'calendar_event'];
/** A tag name POST /tags accepts (1-64 characters, no control characters, not blank). */
const TAG_NAME = /^\P{Cc}{1,64}$/u;

/**
 * PUT /deals/:id/tags from a deal-team member with duplicate, unknown and malformed ids (422
 * `invalid_ids`, nothing changed) or a malformed list (400); POST /tags with refused names (400) or
 * a taken one (409). Nothing stored.
 */
export function tagCases(ctx: CorpusContext): HostileCase[] {
  const { dealId, tagId, tagName } = ctx.ids;
  const sync = (name: string, body: object, expected: number[], token = ctx.tokens.teamMember): HostileCase => ({
    category: 'tags',
    name: `sync ${name}`,
    service: 'risk',
    method: 'PUT',
    path: `/deals/${dealId}/tags`,
    headers: bearer(token),
    body,
    expected,
  });
  const unknown = randomUUID();
  const cases: HostileCase[] = [
    sync('duplicate existing id', { tag_ids: [tagId, tagId] }, [422]),
    sync('duplicate existing id, differently cased', { tag_ids: [tagId, tagId.toUpperCase()] }, [422]),
    sync('one unknown id', { tag_ids: [unknown] }, [422]),
    sync('existing and unknown ids', { tag_ids: [tagId, unknown] }, [422]),
    sync('duplicate unknown ids', { tag_ids: [unknown, unknown] }, [422]),
    sync('non-uuid ids', { tag_ids: ['../../etc/passwd', "1' OR '1'='1", '*'] }, [422]),
    sync('empty string id', { tag_ids: [''] }, [422]),
    sync('101 ids', { tag_ids: Array.from({ length: 101 }, () => randomUUID()) }, [400]),
    sync('id over 64 characters', { tag_ids: ['a'.repeat(65)] }, [400]),
    sync('numeric ids', { tag_ids: [1, 2] }, [400]),
    sync('ids as a string', { tag_ids: tagId }, [400]),
    sync('ids null', { tag_ids: null }, [400]),
    sync('ids as objects', { tag_ids: [{ id: tagId }] }, [400]),
    sync('no tag_ids', {}, [400]),
    sync('deal_id smuggled in', { tag_ids: [tagId], deal_id: randomUUID() }, [400]),
    sync('valid ids from a caller on no deal team', { tag_ids: [tagId] }, [403], ctx.tokens.user),
  ];
  blnsSample(ctx.blns, 12)
    .filter((value) => value.length <= 64)
    .forEach((value, index) => cases.push(sync(`blns id #${index}`, { tag_ids: [value] }, [422])));
  const create = (name: string, body: object, expected: number[]): HostileCase => ({ category: 'tags', name: `create ${name}`, service: 'risk', method: 'POST', path: '/tags', headers: bearer(ctx.tokens.user), body, expected });
  cases.push(
    create('taken name', { name: tagName }, [409]),
    create('name of 65 characters', { name: 'n'.repeat(65) }, [400]),
    create('blank name', { name: '   ' }, [400]),
    create('empty name', { name: '' }, [400]),
    create('name with a NUL', { name: 'tag\u0000' }, [400]),
    create('name with CRLF', { name: 'tag\r\nX-Injected: 1' }, [400]),
    create('name as an array', { name: ['tag'] }, [400]),
    create('id smuggled in', { name: 'smuggled', id: randomUUID() }, [400]),
  );
  blnsSample(ctx.blns, 200)
    .filter((value) => !TAG_NAME.test(value) || !/\S/.test(value))
    .slice(0, 10)
    .forEach((value, index) => cases.push(create(`refused blns name #${index}`, { name: value }, [400])));
  return cases;
}

/**
 * POST /deals/:id/timeline/links with related_type values outside the four linkable types (blns
 * strings, near misses, class names, non-strings): 422 `related_type_not_allowed`, checked before
 * the deal is; linkable types naming entities that do not exist: 422 `related_entity_not_found`.
 */
export function timelineLinkCases(ctx: CorpusContext): HostileCase[] {
  const path = `/deals/${ctx.ids.dealId}/timeline/links`;
  const link = (name: string, body: object, expected: number[], token = ctx.tokens.user): HostileCase => ({ category: 'related-type', name, service: 'risk', method: 'POST', path, headers: bearer(token), body, expected });
  const relatedId = randomUUID();
  const nearMisses: unknown[] = ['Deal', 'deals', 'deal ', ' contact', 'calendar-event', 'CalendarEvent', 'user', 'integration', 'tag', 'deal_document', 'App\\Models\\User', '__proto__', 'constructor', 'toString', 'deal\u0000', 'contact;DROP TABLE deals', '', null, 1, true, ['deal'], { type: 'deal' }];
  const cases = nearMisses.map((value) => link(`related_type ${JSON.stringify(value)}`, { related_type: value, related_id: relatedId }, [422]));
  blnsSample(ctx.blns, 40)
    .filter((value) => !RELATED_TYPES.includes(value))
    .forEach((value, index) => cases.push(link(`blns related_type #${index}`, { related_type: value, related_id: relatedId }, [422])));
  for (const type of RELATED_TYPES) cases.push(link(`${type} that does not exist (team member)`, { related_type: type, related_id: randomUUID() }, [422], ctx.tokens.teamMember));
  cases.push(
    link('contact of the deal from a caller on no deal team', { related_type: 'contact', related_id: ctx.ids.contactId }, [403]),
    link('related_id not a uuid', { related_type: 'contact', related_id: '../contacts/1' }, [400]),
    link('deal_id smuggled in', { related_type: 'contact', related_id: ctx.ids.contactId, deal_id: randomUUID() }, [400]),
  );
  return cases;
}
