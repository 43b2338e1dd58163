// The dev identity is an application, but its admin client is meant for operator tooling like this.
import { DevIdentityAdminClient } from '@sentinel/dev-identity';
import { seedCrm } from './crm.seed';
import { readDealsAtRisk, type DealRisk } from './deals-at-risk.reader';
import { DEMO_CALENDAR_EVENTS, DEMO_GMAIL_MESSAGES, DEMO_MAILBOX } from './demo-scenario';
import type { DemoTargets } from './demo.targets';
import { rescheduleEvents, seedGoogleWorkspace } from './google-workspace.seed';
import { connectHubSpot, waitForSync } from './hubspot-connect.flow';
import { seedIdentity, type DemoTokens } from './identity.seed';
import { readOutcomes, readPolls, sum, waitForOutcomes, waitForSourceSettled, type OutcomeCounts } from './ingest-outcomes.reader';
import { runPermissionProbes, type PermissionProbe } from './permission-probes';
import { seedSlackWorkspace } from './slack-workspace.seed';
import { streamSlackEvents } from './slack-events.stream';
import { connectSource } from './source-connect.flow';

/** Everything the walkthrough prints. */
export interface DemoReport {
  tenantId: string;
  contactsSynced: number;
  dealsSynced: number;
  slackDeliveries: number;
  /** Slack's outcomes. */
  outcomes: OutcomeCounts;
  gmail: { messages: number; outcomes: OutcomeCounts };
  calendar: { events: number; rescheduled: number; outcomes: OutcomeCounts };
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

  // Slack, Gmail and Calendar connect through ingest's real OAuth flows against the fakes.
  await seedSlackWorkspace(targets.fakesUrl);
  await connectSource(targets.ingestUrl, tokens.analyst, 'slack');
  await seedGoogleWorkspace(targets.fakesUrl);
  const gmail = await syncSource(targets.ingestUrl, 'gmail', () => connectSource(targets.ingestUrl, tokens.analyst, 'gmail', DEMO_MAILBOX));
  const calendar = await syncSource(targets.ingestUrl, 'calendar', () => connectSource(targets.ingestUrl, tokens.analyst, 'calendar', DEMO_MAILBOX));
  let rescheduled = 0;
  const changes = await syncSource(targets.ingestUrl, 'calendar', async () => {
    rescheduled = await rescheduleEvents(targets.fakesUrl);
  });

  const before = await readOutcomes(targets.ingestUrl);
  const slackDeliveries = await streamSlackEvents(targets.ingestUrl, targets.slackSigningSecret);
  const outcomes = await waitForOutcomes(targets.ingestUrl, before, slackDeliveries);

  return {
    tenantId: targets.tenantId,
    contactsSynced: synced.last_run?.fetched ?? 0,
    dealsSynced: synced.last_run?.dealsFetched ?? 0,
    slackDeliveries,
    outcomes,
    gmail: { messages: DEMO_GMAIL_MESSAGES.length, outcomes: gmail },
    calendar: { events: DEMO_CALENDAR_EVENTS.length, rescheduled, outcomes: sum(calendar, changes) },
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

/** Runs `start` (a connect, a change at the provider) and returns what the source's polls then decided. */
async function syncSource(ingestUrl: string, source: 'gmail' | 'calendar', start: () => Promise<unknown>): Promise<OutcomeCounts> {
  const before = { outcomes: await readOutcomes(ingestUrl, source), polls: await readPolls(ingestUrl, source) };
  await start();
  return waitForSourceSettled(ingestUrl, source, before);
}
