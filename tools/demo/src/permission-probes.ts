import { bearer } from './http-json.client';

/** One printed curl, with what the stack actually answered when the demo ran it. */
export interface PermissionProbe {
  label: string;
  curl: string;
  status: number;
  body: string;
}

/**
 * The three calls the walkthrough prints, each executed first so the printed answer is the real
 * one: an allowed read, a 403 for a user without the permission, and a 401 without a token.
 */
export async function runPermissionProbes(crmSyncUrl: string, riskUrl: string, tokens: { analyst: string; outsider: string }): Promise<PermissionProbe[]> {
  const probes = [
    { label: 'allowed (analyst, crm.contacts.view)', url: `${crmSyncUrl}/contacts?per_page=2`, token: tokens.analyst, variable: 'TOKEN' },
    { label: '403 (same tenant, no policy)', url: `${crmSyncUrl}/contacts?per_page=2`, token: tokens.outsider, variable: 'OUTSIDER_TOKEN' },
    { label: '401 (no token)', url: `${riskUrl}/deals`, token: undefined, variable: undefined },
  ];
  return Promise.all(
    probes.map(async (probe) => {
      const response = await fetch(probe.url, { headers: probe.token ? bearer(probe.token) : {} });
      const header = probe.variable ? ` -H "Authorization: Bearer $${probe.variable}"` : '';
      return { label: probe.label, curl: `curl -s${header} '${probe.url}'`, status: response.status, body: await response.text() };
    }),
  );
}
