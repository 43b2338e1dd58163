import { DEMO_SLACK_MESSAGES } from './demo-scenario';
import { demoEventId, slackTs } from './slack-events.stream';

describe('demo Slack events', () => {
  it('writes message timestamps as Slack does: epoch seconds and six digits of microseconds', () => {
    expect(slackTs(new Date(1_765_000_000_123))).toBe('1765000000.123000');
    expect(slackTs(new Date(1_765_000_000_000))).toBe('1765000000.000000');
  });

  it('gives every demo message its own stable event id in Slack\'s form', () => {
    const ids = DEMO_SLACK_MESSAGES.map((message) => demoEventId(message.key));
    for (const id of ids) expect(id).toMatch(/^Ev[A-Z0-9]+$/);
    expect(new Set(ids).size).toBe(ids.length);
    // Derived from the message's key alone (no clock), so a second run sends the same event ids.
    expect(demoEventId('renewal-terms')).toBe('EvDEMORENEWALTERMS');
  });
});
