import { loadConfigOrExit } from '@sentinel/config';
import pino from 'pino';
import { FakeControlServer } from './control/fake-control.server';
import { FakesEnv } from './fakes.env';
import { GoogleFake } from './google/google-fake.server';
import { HubSpotFake } from './hubspot/hubspot-fake.server';
import { SalesforceFake } from './salesforce/salesforce-fake.server';
import { SlackWebApiFake } from './slack/slack-web-api.fake';

// The provider fakes as one process on fixed ports, for `npm start` and the demo.
async function main(): Promise<void> {
  const env = loadConfigOrExit(FakesEnv);
  const logger = pino({ level: env.LOG_LEVEL, base: { service: 'fakes' } });
  const hubspot = new HubSpotFake();
  const salesforce = new SalesforceFake();
  const slack = new SlackWebApiFake();
  const google = new GoogleFake();
  const control = new FakeControlServer(hubspot, slack, google);
  await hubspot.start(env.FAKE_HUBSPOT_PORT);
  await salesforce.start(env.FAKE_SALESFORCE_PORT);
  await slack.start(env.FAKE_SLACK_PORT);
  await google.start(env.FAKE_GOOGLE_PORT);
  await control.start(env.FAKES_CONTROL_PORT);
  logger.info({ hubspot: hubspot.url, salesforce: salesforce.url, slack: slack.apiUrl, google: google.url, control: control.url }, 'provider fakes listening');

  const stop = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down');
    Promise.all([control.stop(), hubspot.stop(), salesforce.stop(), slack.stop(), google.stop()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(`provider fakes failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
