/** Providers a user can connect. Stored as text with a CHECK so a new provider is one migration. */
export const INTEGRATION_PROVIDERS = ['hubspot', 'salesforce', 'slack', 'gmail', 'calendar'] as const;
export type IntegrationProvider = (typeof INTEGRATION_PROVIDERS)[number];

/** Providers whose contacts and deals crm-sync reads. */
export const CRM_PROVIDERS = ['hubspot', 'salesforce'] as const satisfies readonly IntegrationProvider[];
export type CrmProvider = (typeof CRM_PROVIDERS)[number];

export function isCrmProvider(provider: IntegrationProvider): provider is CrmProvider {
  return (CRM_PROVIDERS as readonly IntegrationProvider[]).includes(provider);
}

export const INTEGRATION_STATUSES = ['connected', 'reauth_required', 'revoked', 'disconnected'] as const;
export type IntegrationStatus = (typeof INTEGRATION_STATUSES)[number];

/**
 * Explicit sync state machine (twenty's message-channel pattern): `*_pending` waits for a run,
 * `*_running` is held under a lease, `failed` needs a human (re-auth or a bug fix).
 */
export const SYNC_STAGES = ['full_pending', 'full_running', 'incremental_pending', 'incremental_running', 'failed'] as const;
export type SyncStage = (typeof SYNC_STAGES)[number];
