import type { AadContext } from './aad-context.serializer';

export type IntegrationTokenColumn = 'access_token' | 'refresh_token';

/**
 * Where an integration's OAuth token lives, as the AAD of its envelope: every service that seals or
 * opens one (crm-sync for CRMs, ingest for Google and Slack) binds it to the same row and column.
 */
export function integrationTokenContext(integrationId: string, column: IntegrationTokenColumn): AadContext {
  return { table: 'integrations', column, rowId: integrationId };
}
