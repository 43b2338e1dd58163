// The dev identity is an application, but its admin client is meant for operator tooling like this.
import { DevIdentityAdminClient } from '@sentinel/dev-identity';
import { seedCrm } from './crm.seed';
import { readDealsAtRisk, type DealRisk } from './deals-at-risk.reader';
import { DEMO_ANALYST } from './demo-scenario';
import type { DemoTargets } from './demo.targets';
import { connectHubSpot, waitForSync } from './hubspot-connect.flow';
import { seedIdentity, type DemoTokens } from './identity.seed';
import { readOutcomes, waitForOutcomes, type OutcomeCounts } from './ingest-outcomes.reader';
import { runPermissionProbes, type PermissionProbe } from './permission-probes';
import { seedSlackWorkspace } from './slack-workspace.seed';
import { streamSlackEvents } from './slack-events.stream';

/** Everything the walkthrough prints. */
export interface DemoReport {
  tenantId: string;
  contactsSynced: number;
  dealsSynced: number;
  slackDeliveries: number;
  outcomes: OutcomeCounts;
  dealsAtRisk: DealRisk[];
  tokens: DemoTokens;
  probes: PermissionProbe[];
  docs: Array<{ service: string; url: string }>;
}

/** Seeds the demo tenant through the stack's real routes, then measures what the stack did with it. */
export async function runDemo(targets: DemoTargets): Promise<DemoReport> {
  const tokens = await seedIdentity(new DevIdentityAdminClient(targets.identityUrl, targets.identityAdminKey), targets.tenantId);
  await seedCrm(targets.fakesUrl);
  const connectedAt = new Date();
  const integrationId = await connectHubSpot(targets.crmSyncUrl, tokens.analyst);
  const synced = await waitForSync(targets.crmSyncUrl, tokens.analyst, integrationId, connectedAt);

  await seedSlackWorkspace(targets.fakesUrl, targets.databaseUrl, targets.integrationEncryptionKey, DEMO_ANALYST.id);
  const before = await readOutcomes(targets.ingestUrl);
  const slackDeliveries = await streamSlackEvents(targets.ingestUrl, targets.slackSigningSecret);
  const outcomes = await waitForOutcomes(targets.ingestUrl, before, slackDeliveries);

  return {
    tenantId: targets.tenantId,
    contactsSynced: synced.last_run?.fetched ?? 0,
    dealsSynced: synced.last_run?.dealsFetched ?? 0,
    slackDeliveries,
    outcomes,
    dealsAtRisk: await readDealsAtRisk(targets.riskUrl, tokens.analyst),
    tokens,
    probes: await runPermissionProbes(targets.crmSyncUrl, targets.riskUrl, tokens),
    docs: [
      { service: 'ingest', url: `${targets.ingestUrl}/docs` },
      { service: 'crm-sync', url: `${targets.crmSyncUrl}/docs` },
      { service: 'identity-bridge', url: `${targets.identityBridgeUrl}/docs` },
      { service: 'risk', url: `${targets.riskUrl}/docs` },
    ],
  };
}
