import { randomUUID } from 'node:crypto';
import type { CorpusContext } from '../corpus-context';
import type { HostileCase } from '../hostile-case';
import { bearer } from '../route-catalogue';

/** Ids that are not a uuid, beyond the shared traversal segments: ParseUUIDPipe refuses them (400). */
const NON_UUID_IDS = [
  '1',
  '-1',
  "'%20OR%201=1%20--",
  'null',
  '%u002e%u002e%u2215etc',
  '..%c1%9c..%c1%9cetc',
  '%ef%bc%8e%ef%bc%8e%ef%bc%8fetc',
  `${randomUUID()}.png`,
  `${randomUUID()}%2f..%2f..%2fpasswd`,
  `{${randomUUID()}}`,
  randomUUID().replace(/-/g, ''),
  `${randomUUID()}%0d%0aX-Injected:%201`,
];

/**
 * GET /attachments/:id and GET /messages/:id/attachments with ids that are not uuids (400), a raw
 * climb out of the route (404: no route matches) and unknown uuids in upper case (404: the message
 * guard finds nothing). The shared traversal segments run on both routes too (traversal.ts).
 */
export function attachmentCases(ctx: CorpusContext): HostileCase[] {
  const headers = bearer(ctx.tokens.user);
  const unknown = randomUUID();
  const cases: HostileCase[] = [];
  for (const template of ['/attachments/{id}', '/messages/{id}/attachments']) {
    const at = (name: string, id: string, expected: number[]): HostileCase => ({ category: 'attachments', name, service: 'ingest', method: 'GET', path: template.replace('{id}', id), headers, expected });
    NON_UUID_IDS.forEach((id, index) => cases.push(at(`non-uuid id #${index} ${id.slice(0, 30)}`, id, [400])));
    cases.push(at('unknown uuid in upper case', unknown.toUpperCase(), [404]), at('raw climb after a uuid', `${unknown}/../../../etc/passwd`, [404]));
  }
  return cases;
}
