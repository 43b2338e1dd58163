import { DevIdentityAdminClient } from '@sentinel/dev-identity';
import { SlackEventSender, slackMessageEvent } from '@sentinel/fakes';
import { waitFor } from '@sentinel/testing';
import { PiiCanary } from '@sentinel/testing-services';
import { Client } from 'pg';
import { DEMO_ANALYST, DEMO_SLACK_CHANNEL, DEMO_SLACK_TEAM, DEMO_SLACK_USERS } from '../src/demo-scenario';
import { bearer, requestJson } from '../src/http-json.client';
import { connectHubSpot, waitForSync } from '../src/hubspot-connect.flow';
import { seedIdentity, type DemoTokens } from '../src/identity.seed';
import { readOutcomes, waitForOutcomes } from '../src/ingest-outcomes.reader';
import { seedSlackWorkspace } from '../src/slack-workspace.seed';
import { connectSource } from '../src/source-connect.flow';
import { DemoStackHarness } from './demo-stack.harness';

jest.setTimeout(60_000);

/**
 * Marker addresses, names, subjects and bodies driven through all four services at once: a HubSpot
 * contact sync (crm-sync), Slack events through the gate (ingest), the stored messages' timeline
 * (risk) and a policy change (identity-bridge), plus reads and refused requests carrying markers.
 * Every service logs at trace level into the canary; no marker may reach a log line or `/metrics`.
 */
describe('PII canary: marker data through the four services', () => {
  const harness = new DemoStackHarness();
  let canary: PiiCanary;
  let tokens: DemoTokens;
  let db: Client;

  beforeAll(async () => {
    canary = PiiCanary.start();
    await harness.start();
    tokens = await seedIdentity(new DevIdentityAdminClient(harness.targets.identityUrl, harness.targets.identityAdminKey), harness.targets.tenantId);
    db = new Client({ connectionString: harness.targets.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await harness.close();
    canary?.stop();
  });

  const get = (url: string) => fetch(url, { headers: bearer(tokens.analyst) });
  const control = (path: string, body: object) => requestJson(`${harness.targets.fakesUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });

  it('SEN-ING-25 logs the route template, never the raw path, when a caller puts an address where an id goes', async () => {
    const address = canary.email('path');
    const { crmSyncUrl, ingestUrl, riskUrl } = harness.targets;
    for (const url of [`${ingestUrl}/messages/`, `${crmSyncUrl}/contacts/`, `${riskUrl}/deals/`]) {
      expect((await get(`${url}${encodeURIComponent(address)}`)).status).toBe(400);
    }
    const completed = canary.capturedLines.filter((line) => line.includes('"msg":"request completed"'));
    expect(completed.some((line) => line.includes('"route":"/messages/:id"'))).toBe(true);
    expect((await canary.leaks()).filter((leak) => address.startsWith(leak.marker))).toEqual([]);
  });

  it('SEN-ING-24 carries marker data through every service and finds no marker in any log line or metric', async () => {
    const { crmSyncUrl, ingestUrl, riskUrl, identityBridgeUrl } = harness.targets;
    // crm-sync: contacts and a deal with marker names and addresses, synced through the real OAuth connect.
    const buyer = { email: canary.email('buyer'), firstname: canary.name('buyer'), lastname: canary.name('buyer'), company: canary.name('company') };
    const champion = { email: canary.email('champion'), firstname: canary.name('champion'), lastname: canary.name('champion'), company: canary.name('company') };
    for (const contact of [buyer, champion]) await control('/hubspot/contacts', contact);
    await control('/hubspot/deals', { dealname: canary.text('deal'), dealstage: 'contractsent', amount: '50000', contactEmails: [buyer.email, champion.email] });
    const connectedAt = new Date();
    const integrationId = await connectHubSpot(crmSyncUrl, tokens.analyst);
    expect((await waitForSync(crmSyncUrl, tokens.analyst, integrationId, connectedAt)).last_run?.fetched).toBeGreaterThanOrEqual(2);

    // ingest: Slack users with marker addresses (one a synced contact, one a stranger), marker bodies.
    await seedSlackWorkspace(harness.targets.fakesUrl);
    await connectSource(ingestUrl, tokens.analyst, 'slack');
    const slackBuyer = { id: 'U0CANARYBUYER', email: buyer.email.toUpperCase() };
    const slackStranger = { id: 'U0CANARYSTRANGER', email: canary.email('stranger') };
    for (const user of [slackBuyer, slackStranger]) await control('/slack/users', user);
    await control('/slack/members', { channel: DEMO_SLACK_CHANNEL, userIds: [DEMO_SLACK_USERS.analyst.id, slackBuyer.id, slackStranger.id] });
    const sender = new SlackEventSender(`${ingestUrl}/slack/events`, harness.targets.slackSigningSecret);
    const before = await readOutcomes(ingestUrl);
    const events = [
      { user: slackBuyer.id, text: `${canary.text('body')} reach me at ${buyer.email}` },
      { user: slackBuyer.id, text: canary.text('subject') },
      { user: slackStranger.id, text: `${canary.text('body')} from ${slackStranger.email}` },
    ];
    for (const [index, event] of events.entries()) {
      const ts = `${Math.floor(Date.now() / 1000)}.00${index}100`;
      const payload = slackMessageEvent({ teamId: DEMO_SLACK_TEAM, eventId: `EvCANARY${canary.run}${index}`, channel: DEMO_SLACK_CHANNEL, user: event.user, text: event.text, ts });
      expect((await sender.send(payload)).status).toBe(200);
    }
    // A forged request with markers is refused before anything reads it.
    expect((await sender.send(JSON.stringify({ type: 'event_callback', text: canary.text('forged') }), { secret: 'not-the-signing-secret' })).status).toBe(401);
    const outcomes = await waitForOutcomes(ingestUrl, before, events.length);
    expect(outcomes).toEqual({ passed: 2, dropped_no_crm_match: 1 });

    // risk: the stored messages reach the deal's timeline (timeline.appended carries ids only).
    await waitFor('timeline entries of the marker deal', async () => {
      const { rows } = await db.query<{ count: string }>(`SELECT count(*) FROM deal_timeline_entries`);
      return Number(rows[0].count) >= 2;
    }, 20_000, 100);

    // identity-bridge: a policy change arrives as an identity event and is applied and audited.
    const admin = new DevIdentityAdminClient(harness.targets.identityUrl, harness.targets.identityAdminKey);
    const processedBefore = await processedEvents();
    await admin.setPolicy({ userId: DEMO_ANALYST.id, tenantId: harness.targets.tenantId, permissions: [...DEMO_ANALYST.permissions, 'crm.audit.view'].map((name) => `tenant.${harness.targets.tenantId}.${name}`) });
    await waitFor('the policy event applied by identity-bridge', async () => (await processedEvents()) > processedBefore, 20_000, 100);

    // Reads that answer marker data.
    for (const url of [`${crmSyncUrl}/contacts`, `${ingestUrl}/messages`, `${riskUrl}/deals`, `${identityBridgeUrl}/audit`]) {
      const response = await waitFor(`200 from ${url}`, async () => {
        const answer = await get(url);
        return answer.status === 200 ? answer : undefined;
      });
      expect(response.status).toBe(200);
    }
    // An address as a list filter (answered), and as a malformed id filter (refused): the query string is never logged.
    expect((await get(`${crmSyncUrl}/contacts?email=${encodeURIComponent(buyer.email)}`)).status).toBe(200);
    expect((await get(`${ingestUrl}/messages?contact_id=${encodeURIComponent(canary.email('query'))}`)).status).toBe(400);

    // Debug and trace lines were captured (the gate logs its decisions at debug), from all four services.
    expect(canary.watchedServices.sort()).toEqual(['crm-sync', 'identity-bridge', 'ingest', 'risk']);
    for (const service of canary.watchedServices) {
      expect(canary.capturedLines.some((line) => line.includes(`"service":"${service}"`) && line.includes('"msg":"request completed"'))).toBe(true);
    }
    expect(canary.capturedLines.some((line) => line.includes('"level":20'))).toBe(true);
    await canary.expectNoLeaks();
  });

  async function processedEvents(): Promise<number> {
    const { rows } = await db.query<{ count: string }>(`SELECT count(*) FROM processed_events`);
    return Number(rows[0].count);
  }
});
