import type { ServiceDefinition } from '@sentinel/platform';
import { IngestEnv } from './ingest.env';
import { IngestModule } from './ingest.module';
import { SlackEventsEndpoint } from './slack/slack-events.endpoint';

export const IngestService: ServiceDefinition<IngestEnv> = {
  name: 'ingest',
  title: 'Sentinel ingest',
  description: 'Receivers (Slack, Gmail, Calendar, meeting bots) and the fail-closed CRM contact gate.',
  envSchema: IngestEnv,
  rootModule: (config) => IngestModule.forRoot(config),
  earlyRoutes: (app) => [app.get(SlackEventsEndpoint)],
};
