import type { CorpusContext } from '../corpus-context';
import { algNoneToken, GARBAGE_TOKENS, hs256WithPublicKey, oversizedToken, tamperedClaimsToken } from '../forged-tokens';
import type { HostileCase } from '../hostile-case';
import { bearer } from '../route-catalogue';

/** POST /google/push (public, OIDC-token authenticated): forged, misaddressed and absent tokens: 401. */
export function googlePushCases(ctx: CorpusContext): HostileCase[] {
  const body = { message: { data: Buffer.from(JSON.stringify({ emailAddress: 'victim@client.test', historyId: '1' })).toString('base64'), messageId: 'm-1' }, subscription: 'projects/p/subscriptions/s' };
  const { user, expired } = ctx.tokens;
  const variants: Record<string, Record<string, string>> = {
    'no token': {},
    'alg none': bearer(algNoneToken(user)),
    'HS256 signed with the public key': bearer(hs256WithPublicKey(user, ctx.publicKeyPem)),
    'identity user token (wrong iss/aud/account)': bearer(user),
    'expired identity token': bearer(expired),
    'tampered email claim': bearer(tamperedClaimsToken(user, { email: 'push@sentinel.test', email_verified: true })),
    oversized: bearer(oversizedToken(user)),
    'token in query only': {},
    ...Object.fromEntries(Object.entries(GARBAGE_TOKENS).map(([name, token]) => [name, bearer(token)])),
  };
  return Object.entries(variants).map(([name, headers]): HostileCase => ({
    category: 'google-push',
    name,
    service: 'ingest',
    method: 'POST',
    path: name === 'token in query only' ? `/google/push?token=${user}` : '/google/push',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    expected: [401],
  }));
}
