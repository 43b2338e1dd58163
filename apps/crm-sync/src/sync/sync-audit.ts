/** Actor of audit events no user request stands behind (a scheduled or triggered sync run). */
export const CRM_SYNC_SYSTEM_ACTOR = 'system:crm-sync';
