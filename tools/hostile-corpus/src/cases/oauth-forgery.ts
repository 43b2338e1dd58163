import { OAUTH_STATE_COOKIE } from '@sentinel/platform';
import { createHmac, randomUUID } from 'node:crypto';
import type { HostileCase } from '../hostile-case';

const b64url = (value: string): string => Buffer.from(value).toString('base64url');

/** GET /oauth/:provider/callback with forged, tampered or missing state: 4xx, no integration stored. */
export function oauthForgeryCases(): HostileCase[] {
  const payload = b64url(JSON.stringify({ user_id: 'hostile-user', provider: 'hubspot', nonce: randomUUID(), exp: Math.floor(Date.now() / 1000) + 600 }));
  const forgedSig = createHmac('sha256', 'attacker-secret').update(payload).digest('base64url');
  const states: Record<string, string> = {
    'state signed with another secret': `${payload}.${forgedSig}`,
    'state without signature': payload,
    'state with empty signature': `${payload}.`,
    'state signature of another payload': `${b64url('{}')}.${forgedSig}`,
    'state random text': 'random-state',
    'state oversized': 'A'.repeat(6_000),
    'state alg none JWT': `${b64url('{"alg":"none"}')}.${payload}.`,
  };
  const cases: HostileCase[] = [];
  for (const provider of ['hubspot', 'salesforce']) {
    for (const [name, state] of Object.entries(states)) {
      cases.push({
        category: 'oauth',
        name,
        service: 'crm-sync',
        method: 'GET',
        path: `/oauth/${provider}/callback?code=hostile-code&state=${encodeURIComponent(state)}`,
        // The cookie the callback reads (the former `oauth_state` name reached it as no cookie at all).
        headers: { cookie: `${OAUTH_STATE_COOKIE}=${encodeURIComponent(state)}` },
        expected: [400, 401, 403],
      });
    }
    cases.push({ category: 'oauth', name: 'missing state', service: 'crm-sync', method: 'GET', path: `/oauth/${provider}/callback?code=hostile-code`, expected: [400, 401, 403] });
    cases.push({ category: 'oauth', name: 'duplicate state params', service: 'crm-sync', method: 'GET', path: `/oauth/${provider}/callback?code=a&code=b&state=x&state=y`, expected: [400, 401, 403] });
  }
  for (const provider of ['evil', '..%2fhubspot', 'HUBSPOT', 'slack']) {
    cases.push({ category: 'oauth', name: `unknown provider ${provider}`, service: 'crm-sync', method: 'GET', path: `/oauth/${provider}/callback?code=c&state=${payload}`, expected: [400, 404] });
  }
  return cases;
}
