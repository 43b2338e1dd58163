/** Permissions the tag routes name in their 403s; the controllers spell the same literals (docs/permissions.md). */
export const DEAL_TAGS_MANAGE = 'crm.deal_tags.manage';
