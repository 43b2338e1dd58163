import { bearer, requestJson } from './http-json.client';
import { cookiesOf, followConsent } from './oauth-consent';

interface IntegrationView {
  id: string;
  status: string;
  stage: string;
  syncing: boolean;
  last_synced_at: string | null;
  last_error_code: string | null;
  last_run: { fetched: number; dealsFetched: number } | null;
}

/**
 * crm-sync's real OAuth connect, with the fake's consent page standing in for the browser: connect
 * (state cookie + authorize URL), follow the consent redirect, then call the callback with the code
 * and the cookie. Reconnecting the same portal reuses its integration row.
 */
export async function connectHubSpot(crmSyncUrl: string, token: string): Promise<string> {
  const connect = await fetch(`${crmSyncUrl}/integrations/hubspot/connect`, { method: 'POST', headers: bearer(token) });
  if (!connect.ok) throw new Error(`POST /integrations/hubspot/connect answered ${connect.status}: ${await connect.text()}`);
  const { authorize_url: authorizeUrl } = (await connect.json()) as { authorize_url: string };
  const integration = await followConsent<IntegrationView>(new URL(authorizeUrl), cookiesOf(connect), 'HubSpot');
  return integration.id;
}

/** Waits for a sync that finishes after `since` (the callback starts the first one itself). */
export async function waitForSync(crmSyncUrl: string, token: string, integrationId: string, since: Date, timeoutMs = 30_000): Promise<IntegrationView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { data } = await requestJson<{ data: IntegrationView[] }>(`${crmSyncUrl}/integrations`, { headers: bearer(token) });
    const integration = data.find((candidate) => candidate.id === integrationId);
    if (integration?.last_error_code) throw new Error(`the HubSpot sync failed: ${integration.last_error_code}`);
    const finished = integration?.last_synced_at ? new Date(integration.last_synced_at) >= since : false;
    if (integration && finished && !integration.syncing) return integration;
    if (Date.now() > deadline) throw new Error('the HubSpot sync did not finish in time');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
