import { randomBytes } from 'node:crypto';
// The e2e test runs the real services in-process, as `npm start` runs them out of process.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { CrmSyncService } from '../../../apps/crm-sync/src/crm-sync.service-definition';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { IDENTITY_EVENTS_CONSUMER } from '../../../apps/identity-bridge/src/identity-events/identity-event.schemas';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { IdentityBridgeService } from '../../../apps/identity-bridge/src/identity-bridge.service-definition';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { INBOUND_QUEUE, LEDGER_QUEUE } from '../../../apps/ingest/src/inbound/inbound.events';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { IngestService } from '../../../apps/ingest/src/ingest.service-definition';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { RiskService } from '../../../apps/risk/src/risk.service-definition';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { RISK_TIMELINE_QUEUE } from '../../../apps/risk/src/timeline/timeline-appended.consumer';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { WEBHOOK_DELIVERY_QUEUE } from '../../../apps/risk/src/webhooks/webhook.settings';
import { startDevIdentity, type DevIdentityHandle } from '@sentinel/dev-identity';
import { FakeControlServer, GoogleFake, HubSpotFake, SlackWebApiFake } from '@sentinel/fakes';
import { ConsumerHost } from '@sentinel/messaging';
import { closedLoopbackPort, deleteQueuesAndExchanges, TEST_RABBITMQ_URL } from '@sentinel/testing';
import { createTestStack, startTestService, type TestStack } from '@sentinel/testing-services';
import type { DemoTargets } from '../src/demo.targets';

const SIGNING_SECRET = 'demo-e2e-signing-secret';

/**
 * The demo's stack in one process: dev identity (publishing its events on an exchange of the test's
 * own), HubSpot, Slack and Google fakes, and the four services.
 */
export class DemoStackHarness {
  private readonly hubspot = new HubSpotFake();
  private readonly slack = new SlackWebApiFake();
  private readonly google = new GoogleFake();
  private readonly control = new FakeControlServer(this.hubspot, this.slack, this.google);
  private readonly encryptionKey = randomBytes(32).toString('base64');
  private identity!: DevIdentityHandle;
  private stack!: TestStack;
  private identityExchange = '';
  private readonly closers: Array<() => Promise<void>> = [];
  targets!: DemoTargets;

  async start(): Promise<void> {
    await Promise.all([this.hubspot.start(), this.slack.start(), this.google.start(), this.control.start()]);
    this.stack = await createTestStack();
    this.identityExchange = `test.${this.stack.tenantId}.identity`;
    this.identity = await startDevIdentity({ rabbitmqUrl: TEST_RABBITMQ_URL, exchange: this.identityExchange });
    const env = {
      ...this.stack.env,
      ...this.identity.serviceEnv,
      INTEGRATION_ENCRYPTION_KEY: this.encryptionKey,
    };
    const ingest = await this.ingest(env);
    const risk = this.track(await startTestService(RiskService, env));
    await risk.app.get(ConsumerHost).ready();
    const crmSyncUrl = await this.crmSync(env);
    const bridge = this.track(await startTestService(IdentityBridgeService, { ...env, IDENTITY_EXCHANGE: this.identityExchange }));
    await bridge.app.get(ConsumerHost).ready();
    this.targets = {
      tenantId: this.stack.tenantId,
      identityUrl: this.identity.url,
      identityAdminKey: this.identity.adminKey,
      fakesUrl: this.control.url,
      ingestUrl: ingest,
      crmSyncUrl,
      identityBridgeUrl: bridge.url,
      riskUrl: risk.url,
      databaseUrl: this.stack.database.url,
      slackSigningSecret: SIGNING_SECRET,
    };
  }

  async close(): Promise<void> {
    for (const close of this.closers.reverse()) await close();
    await this.identity?.close();
    await this.stack?.cleanup([INBOUND_QUEUE, LEDGER_QUEUE, RISK_TIMELINE_QUEUE, WEBHOOK_DELIVERY_QUEUE, IDENTITY_EVENTS_CONSUMER]);
    if (this.identityExchange) await deleteQueuesAndExchanges([], [this.identityExchange]);
    await Promise.all([this.control.stop(), this.hubspot.stop(), this.slack.stop(), this.google.stop()]);
  }

  private track<T extends { close(): Promise<void> }>(running: T): T {
    this.closers.push(() => running.close());
    return running;
  }

  /** On a port chosen first: the redirect_uri of the Gmail, Calendar and Slack connect flows names ingest's own origin. */
  private async ingest(env: Record<string, string>): Promise<string> {
    const port = await closedLoopbackPort();
    const origin = `http://127.0.0.1:${port}`;
    const ingest = this.track(
      await startTestService(IngestService, {
        ...env,
        PORT: String(port),
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: this.slack.apiUrl,
        SLACK_AUTHORIZE_URL: this.slack.authorizeUrl,
        SLACK_CLIENT_ID: 'demo-slack-client',
        SLACK_CLIENT_SECRET: 'demo-slack-secret',
        GOOGLE_API_URL: this.google.url,
        GOOGLE_TOKEN_URL: this.google.tokenUrl,
        GOOGLE_AUTHORIZE_URL: this.google.authorizeUrl,
        GOOGLE_CLIENT_ID: 'demo-google-client',
        GOOGLE_CLIENT_SECRET: 'demo-google-secret',
        GOOGLE_POLL_INTERVAL_SECONDS: '1',
        OAUTH_STATE_SECRET: randomBytes(32).toString('hex'),
        OAUTH_CALLBACK_ORIGIN: origin,
        OAUTH_COOKIE_SECURE: 'false',
      }),
    );
    await ingest.app.get(ConsumerHost).ready();
    return origin;
  }

  /** On a port chosen first: the OAuth redirect_uri must name crm-sync's own origin. */
  private async crmSync(env: Record<string, string>): Promise<string> {
    const port = await closedLoopbackPort();
    const origin = `http://127.0.0.1:${port}`;
    this.track(
      await startTestService(CrmSyncService, {
        ...env,
        PORT: String(port),
        CRM_SYNC_INTERVAL_SECONDS: '0',
        HUBSPOT_API_URL: this.hubspot.url,
        HUBSPOT_AUTHORIZE_URL: `${this.control.url}/hubspot/oauth/authorize`,
        HUBSPOT_CLIENT_ID: 'demo-client',
        HUBSPOT_CLIENT_SECRET: 'demo-secret',
        OAUTH_STATE_SECRET: randomBytes(32).toString('hex'),
        OAUTH_CALLBACK_ORIGIN: origin,
        OAUTH_COOKIE_SECURE: 'false',
      }),
    );
    return origin;
  }
}
