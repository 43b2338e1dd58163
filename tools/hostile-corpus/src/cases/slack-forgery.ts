import { createHmac } from 'node:crypto';
import type { CorpusContext } from '../corpus-context';
import type { HostileCase } from '../hostile-case';

const signature = (secret: string, timestamp: string, body: string): string =>
  `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;

/** POST /slack/events: stale and future timestamps (correctly signed), forged and malformed signatures: 401. */
export function slackForgeryCases(ctx: CorpusContext): HostileCase[] {
  const now = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    type: 'event_callback',
    team_id: 'T-HOSTILE',
    event_id: 'Ev-hostile',
    event_time: now,
    event: { type: 'message', user: 'U-HOSTILE', text: 'hostile', ts: `${now}.000100`, channel: 'C-HOSTILE' },
  });
  const secret = ctx.slackSigningSecret;
  const variants: Record<string, Record<string, string>> = {
    'stale timestamp (-10 min), valid signature': { ts: String(now - 600), sig: signature(secret, String(now - 600), body) },
    'stale timestamp (-1 day), valid signature': { ts: String(now - 86_400), sig: signature(secret, String(now - 86_400), body) },
    'future timestamp (+10 min), valid signature': { ts: String(now + 600), sig: signature(secret, String(now + 600), body) },
    'future timestamp (+1 year), valid signature': { ts: String(now + 31_536_000), sig: signature(secret, String(now + 31_536_000), body) },
    'forged signature (wrong secret)': { ts: String(now), sig: signature('not-the-secret', String(now), body) },
    'signature over another body': { ts: String(now), sig: signature(secret, String(now), '{}') },
    'signature with v1 prefix': { ts: String(now), sig: signature(secret, String(now), body).replace('v0=', 'v1=') },
    'truncated signature': { ts: String(now), sig: signature(secret, String(now), body).slice(0, 20) },
    'empty signature': { ts: String(now), sig: '' },
    'missing signature': { ts: String(now) },
    'missing timestamp': { sig: signature(secret, String(now), body) },
    'non-numeric timestamp': { ts: 'now', sig: signature(secret, 'now', body) },
    'timestamp with fraction': { ts: `${now}.5`, sig: signature(secret, `${now}.5`, body) },
    'negative timestamp': { ts: '-1', sig: signature(secret, '-1', body) },
  };
  return Object.entries(variants).map(([name, { ts, sig }]): HostileCase => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (ts !== undefined) headers['x-slack-request-timestamp'] = ts;
    if (sig !== undefined) headers['x-slack-signature'] = sig;
    return { category: 'slack', name, service: 'ingest', method: 'POST', path: '/slack/events', headers, body, expected: [401] };
  });
}
