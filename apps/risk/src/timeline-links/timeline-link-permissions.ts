/** Permission the link route names in its 403; the controller spells the same literal (docs/permissions.md). */
export const DEAL_LINKS_CREATE = 'crm.deal_links.create';
