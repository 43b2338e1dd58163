import { DEMO_SLACK_CHANNEL, DEMO_SLACK_TEAM, DEMO_SLACK_USERS } from './demo-scenario';
import { requestJson } from './http-json.client';

/**
 * The Slack side in the Slack fake: the workspace's users, the deal channel's members, and the
 * analyst as the user whose consent the fake's OAuth page gives (ingest's connect flow installs
 * the app and stores the bot token it gets from `oauth.v2.access`).
 */
export async function seedSlackWorkspace(fakesUrl: string): Promise<void> {
  const post = (path: string, body: object) => requestJson(`${fakesUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
  for (const user of Object.values(DEMO_SLACK_USERS)) await post('/slack/users', user);
  await post('/slack/members', { channel: DEMO_SLACK_CHANNEL, userIds: Object.values(DEMO_SLACK_USERS).map((user) => user.id) });
  await post('/slack/installer', { teamId: DEMO_SLACK_TEAM, userId: DEMO_SLACK_USERS.analyst.id });
}
