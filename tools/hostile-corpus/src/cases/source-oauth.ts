import { createSignedState } from '@sentinel/crypto';
import { OAUTH_STATE_COOKIE } from '@sentinel/platform';
import type { CorpusContext } from '../corpus-context';
import type { HostileCase } from '../hostile-case';
import { bearer } from '../route-catalogue';

const PROVIDERS = ['gmail', 'calendar', 'slack'] as const;
const USER = 'hostile-analyst';
const HOUR_MS = 3_600_000;

interface Attempt {
  /** The state cookie sent, if any. */
  cookie?: string;
  /** The query string after `?`. */
  query: string;
}

const b64url = (value: string): string => Buffer.from(value).toString('base64url');

/**
 * ingest's GET /oauth/{gmail|calendar|slack}/callback (public: the signed state cookie names the
 * user) with missing, forged, expired, tampered and mismatched states: 400 before any code exchange,
 * nothing stored. Made with the real state signer, so only the property under test is wrong.
 */
export function sourceOAuthCases(ctx: CorpusContext): HostileCase[] {
  const secret = ctx.oauthStateSecret;
  const flow = (provider: string, options: { secret?: string; now?: Date; userId?: string } = {}) =>
    createSignedState({ userId: options.userId ?? USER, provider }, { secret: options.secret ?? secret, ttlSeconds: 600, now: options.now ?? new Date() });
  const cases: HostileCase[] = [];
  for (const provider of PROVIDERS) {
    const valid = flow(provider);
    const [segment, signature] = valid.cookieValue.split('.');
    const tamperedSegment = b64url(JSON.stringify({ ...JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')), sub: 'hostile-owner' }));
    const otherProvider = flow(PROVIDERS.find((other) => other !== provider) ?? 'gmail');
    const expired = flow(provider, { now: new Date(Date.now() - 2 * HOUR_MS) });
    const foreign = flow(provider, { secret: 'attacker-chosen-secret-of-at-least-32-bytes!' });
    const attempts: Record<string, Attempt> = {
      'no cookie, state parameter only': { query: `code=c&state=${valid.stateParam}` },
      'cookie, no state parameter': { cookie: valid.cookieValue, query: 'code=c' },
      'neither cookie nor state': { query: 'code=c' },
      'cookie signed with another secret': { cookie: foreign.cookieValue, query: `code=c&state=${foreign.stateParam}` },
      'expired cookie (signed, 2 h old)': { cookie: expired.cookieValue, query: `code=c&state=${expired.stateParam}` },
      'payload tampered (sub), signature kept': { cookie: `${tamperedSegment}.${signature}`, query: `code=c&state=${valid.stateParam}` },
      'state parameter of another flow': { cookie: valid.cookieValue, query: `code=c&state=${flow(provider).stateParam}` },
      'cookie issued for another provider': { cookie: otherProvider.cookieValue, query: `code=c&state=${otherProvider.stateParam}` },
      'cookie with an empty signature': { cookie: `${segment}.`, query: `code=c&state=${valid.stateParam}` },
      'cookie with three segments (alg none JWT)': { cookie: `${b64url('{"alg":"none"}')}.${segment}.`, query: `code=c&state=${valid.stateParam}` },
      'oversized cookie (5 KB)': { cookie: `${segment}${'A'.repeat(5_000)}.${signature}`, query: `code=c&state=${valid.stateParam}` },
      'state parameter repeated': { cookie: valid.cookieValue, query: `code=c&state=${valid.stateParam}&state=${valid.stateParam}` },
      'valid state, provider answered access_denied': { cookie: valid.cookieValue, query: `error=access_denied&state=${valid.stateParam}` },
      'valid state, no code': { cookie: valid.cookieValue, query: `state=${valid.stateParam}` },
    };
    for (const [name, { cookie, query }] of Object.entries(attempts)) {
      cases.push({
        category: 'source-oauth',
        name: `${provider}: ${name}`,
        service: 'ingest',
        method: 'GET',
        path: `/oauth/${provider}/callback?${query}`,
        headers: cookie === undefined ? {} : { cookie: `${OAUTH_STATE_COOKIE}=${cookie}` },
        expected: [400],
      });
    }
  }
  const valid = flow('gmail');
  for (const provider of ['hubspot', 'GMAIL', 'gmail%00', '..%2fgmail', 'outlook']) {
    cases.push({
      category: 'source-oauth',
      name: `unknown provider ${provider} (callback)`,
      service: 'ingest',
      method: 'GET',
      path: `/oauth/${provider}/callback?code=c&state=${valid.stateParam}`,
      headers: { cookie: `${OAUTH_STATE_COOKIE}=${valid.cookieValue}` },
      expected: [400],
    });
    cases.push({ category: 'source-oauth', name: `unknown provider ${provider} (connect)`, service: 'ingest', method: 'GET', path: `/oauth/${provider}/connect`, headers: bearer(ctx.tokens.user), expected: [400] });
  }
  return cases;
}
