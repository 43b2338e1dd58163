import { attachmentCases } from './cases/attachments';
import { blnsCases } from './cases/blns';
import { bodyAbuseCases } from './cases/body-abuse';
import { botItemCases } from './cases/bot-items';
import { dealDocumentCases } from './cases/deal-documents';
import { googlePushCases } from './cases/google-push';
import { listAbuseCases } from './cases/list-abuse';
import { oauthForgeryCases } from './cases/oauth-forgery';
import { slackForgeryCases } from './cases/slack-forgery';
import { sourceOAuthCases } from './cases/source-oauth';
import { systemRouteCases } from './cases/system-routes';
import { tagCases, timelineLinkCases } from './cases/tags-and-links';
import { tenantSpoofingCases } from './cases/tenant-spoofing';
import { tokenAttackCases } from './cases/token-attacks';
import { traversalCases } from './cases/traversal';
import { webhookCases } from './cases/webhooks';
import { xssNoteCases } from './cases/xss-notes';
import type { CorpusContext } from './corpus-context';
import type { HostileCase } from './hostile-case';

/** The whole corpus: every public route of docs/permissions.md, bearer, bot, signed and OAuth-callback alike. */
export function buildCorpus(ctx: CorpusContext): HostileCase[] {
  return [
    ...tokenAttackCases(ctx),
    ...tenantSpoofingCases(ctx),
    ...traversalCases(ctx),
    ...listAbuseCases(ctx),
    ...bodyAbuseCases(ctx),
    ...slackForgeryCases(ctx),
    ...googlePushCases(ctx),
    ...botItemCases(ctx),
    ...attachmentCases(ctx),
    ...oauthForgeryCases(),
    ...sourceOAuthCases(ctx),
    ...systemRouteCases(ctx),
    ...blnsCases(ctx),
    ...xssNoteCases(ctx),
    ...webhookCases(ctx),
    ...dealDocumentCases(ctx),
    ...tagCases(ctx),
    ...timelineLinkCases(ctx),
  ];
}
