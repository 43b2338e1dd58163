/**
 * Permissions the deal-team guard names in its 403. DealsController spells the same names as
 * literals, because the catalogue generator (docs/permissions.md) reads decorator literals.
 */
export const DEALS_VIEW = 'crm.deals.view';
export const DEAL_NOTES_CREATE = 'crm.deal_notes.create';
export const DEAL_TEAMS_MANAGE = 'crm.deal_teams.manage';
