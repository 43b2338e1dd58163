import { SlackEventSender, slackMessageEvent } from '@sentinel/fakes';
import { DEMO_SLACK_CHANNEL, DEMO_SLACK_MESSAGES, DEMO_SLACK_TEAM, DEMO_SLACK_USERS } from './demo-scenario';

/**
 * Sends every demo message through the real, signed `POST /slack/events`. A message with several
 * deliveries is sent concurrently with Slack's retry headers: the retry storm of a slow ack.
 * Returns the number of deliveries, each of which the gate must account for.
 */
export async function streamSlackEvents(ingestUrl: string, signingSecret: string): Promise<number> {
  const sender = new SlackEventSender(`${ingestUrl}/slack/events`, signingSecret);
  let deliveries = 0;
  for (const message of DEMO_SLACK_MESSAGES) {
    const payload = slackMessageEvent({
      teamId: DEMO_SLACK_TEAM,
      eventId: `EvDEMO${message.ts.replace('.', '')}`,
      channel: DEMO_SLACK_CHANNEL,
      user: DEMO_SLACK_USERS[message.from].id,
      text: message.text,
      ts: message.ts,
    });
    const count = message.deliveries ?? 1;
    const results = await Promise.all(
      Array.from({ length: count }, (_, attempt) =>
        sender.send(payload, attempt === 0 ? {} : { headers: { 'x-slack-retry-num': String(attempt), 'x-slack-retry-reason': 'http_timeout' } }),
      ),
    );
    const refused = results.find((result) => result.status !== 200);
    if (refused) throw new Error(`POST /slack/events answered ${refused.status}: ${refused.body.slice(0, 200)}`);
    deliveries += count;
  }
  return deliveries;
}
