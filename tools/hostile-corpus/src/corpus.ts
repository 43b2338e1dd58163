import { blnsCases } from './cases/blns';
import { googlePushCases } from './cases/google-push';
import { bodyAbuseCases } from './cases/body-abuse';
import { listAbuseCases } from './cases/list-abuse';
import { oauthForgeryCases } from './cases/oauth-forgery';
import { slackForgeryCases } from './cases/slack-forgery';
import { systemRouteCases } from './cases/system-routes';
import { tenantSpoofingCases } from './cases/tenant-spoofing';
import { tokenAttackCases } from './cases/token-attacks';
import { traversalCases } from './cases/traversal';
import { xssNoteCases } from './cases/xss-notes';
import type { CorpusContext } from './corpus-context';
import type { HostileCase } from './hostile-case';

/**
 * The whole corpus. Not included, because no route exists for them (docs/permissions.md): uploads
 * (files whose bytes contradict their names) and `related_type`.
 */
export function buildCorpus(ctx: CorpusContext): HostileCase[] {
  return [
    ...tokenAttackCases(ctx),
    ...tenantSpoofingCases(ctx),
    ...traversalCases(ctx),
    ...listAbuseCases(ctx),
    ...bodyAbuseCases(ctx),
    ...slackForgeryCases(ctx),
    ...googlePushCases(ctx),
    ...oauthForgeryCases(),
    ...systemRouteCases(ctx),
    ...blnsCases(ctx),
    ...xssNoteCases(ctx),
  ];
}
