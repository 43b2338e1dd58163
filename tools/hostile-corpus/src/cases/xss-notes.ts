import type { CorpusContext } from '../corpus-context';
import type { HostileCase } from '../hostile-case';
import { bearer } from '../route-catalogue';

/**
 * libs/hardening's XSS vectors as deal notes from a user who may create notes but is on no deal
 * team (403), and from a no-permission member (403): nothing is stored. Sanitized output of notes a
 * team member may write is covered by the runner's companion check, not by this refusal corpus.
 */
export function xssNoteCases(ctx: CorpusContext): HostileCase[] {
  return ctx.xssVectors.flatMap((vector, index): HostileCase[] => [
    {
      category: 'xss',
      name: `vector #${index} as note (not on the team)`,
      service: 'risk',
      method: 'POST',
      path: `/deals/${ctx.ids.dealId}/notes`,
      headers: bearer(ctx.tokens.user),
      body: { body: vector },
      expected: [403],
    },
  ]);
}
