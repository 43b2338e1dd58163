import { createHmac } from 'node:crypto';
import { CryptoArgumentError, CryptoArgumentErrorCode } from '../errors/crypto-argument.error';
import { OAuthStateError, OAuthStateErrorCode } from '../errors/oauth-state.error';
import { createSignedState, verifySignedState } from './signed-state.signer';
import type { VerifySignedStateOptions } from './signed-state.types';

const secret = 'test-oauth-state-secret-0123456789abcdef';
const issuedAt = new Date('2025-03-01T10:00:00.000Z');
const ttlSeconds = 600;
const secondsAfterIssue = (seconds: number): Date => new Date(issuedAt.getTime() + seconds * 1000);

const input = {
  userId: 'user-alice',
  provider: 'hubspot',
  redirectAfter: '/settings/integrations?tab=crm',
  codeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
};
const verifyOptions: VerifySignedStateOptions = {
  secret,
  now: secondsAfterIssue(30),
  expectedUserId: 'user-alice',
  expectedProvider: 'hubspot',
};

function rejection(run: () => unknown): OAuthStateError {
  try {
    run();
  } catch (error) {
    if (error instanceof OAuthStateError) return error;
    throw error;
  }
  throw new Error('expected an OAuthStateError');
}

function editPayload(cookieValue: string, edit: (payload: Record<string, unknown>) => void): string {
  const [segment, signature] = cookieValue.split('.');
  const payload = JSON.parse(Buffer.from(segment!, 'base64url').toString('utf8')) as Record<string, unknown>;
  edit(payload);
  return `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;
}

describe('signed OAuth state', () => {
  const state = createSignedState(input, { secret, ttlSeconds, now: issuedAt });

  it('verifies a genuine callback and returns the flow', () => {
    expect(state.stateParam).toBe(state.nonce);
    expect(state.nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(verifySignedState(state.cookieValue, state.stateParam, verifyOptions)).toEqual({
      userId: 'user-alice',
      provider: 'hubspot',
      nonce: state.nonce,
      redirectAfter: '/settings/integrations?tab=crm',
      codeVerifier: input.codeVerifier,
      issuedAt,
      expiresAt: secondsAfterIssue(ttlSeconds),
    });
  });

  it('omits optional fields that were not given', () => {
    const minimal = createSignedState({ userId: 'user-alice', provider: 'slack' }, { secret, ttlSeconds, now: issuedAt });
    const verified = verifySignedState(minimal.cookieValue, minimal.stateParam, { ...verifyOptions, expectedProvider: 'slack' });
    expect(verified).not.toHaveProperty('redirectAfter');
    expect(verified).not.toHaveProperty('codeVerifier');
  });

  it('issues a fresh nonce per flow', () => {
    expect(createSignedState(input, { secret, ttlSeconds, now: issuedAt }).nonce).not.toBe(state.nonce);
  });

  describe('forgery', () => {
    it('rejects a cookie signed with another secret', () => {
      const foreign = createSignedState(input, { secret: `${secret}-other`, ttlSeconds, now: issuedAt });
      expect(rejection(() => verifySignedState(foreign.cookieValue, foreign.stateParam, verifyOptions)).code).toBe(OAuthStateErrorCode.Forged);
    });

    it('SEN-ING-10 rejects a cookie whose payload was edited (user swapped in the cookie)', () => {
      const edited = editPayload(state.cookieValue, (payload) => (payload['sub'] = 'user-mallory'));
      const options = { ...verifyOptions, expectedUserId: 'user-mallory' };
      expect(rejection(() => verifySignedState(edited, state.stateParam, options)).code).toBe(OAuthStateErrorCode.Forged);
    });

    it('rejects a cookie whose expiry was extended', () => {
      const edited = editPayload(state.cookieValue, (payload) => (payload['exp'] = Number(payload['exp']) + 86_400));
      const later = { ...verifyOptions, now: secondsAfterIssue(ttlSeconds + 60) };
      expect(rejection(() => verifySignedState(edited, state.stateParam, later)).code).toBe(OAuthStateErrorCode.Forged);
    });

    it('rejects a signature with one bit flipped', () => {
      const [segment, signature] = state.cookieValue.split('.');
      const bytes = Buffer.from(signature!, 'base64url');
      bytes[31] = bytes[31]! ^ 0x01;
      const tampered = `${segment}.${bytes.toString('base64url')}`;
      expect(rejection(() => verifySignedState(tampered, state.stateParam, verifyOptions)).code).toBe(OAuthStateErrorCode.Forged);
    });
  });

  describe('expiry', () => {
    it('accepts the last second before expiry', () => {
      const lastSecond = { ...verifyOptions, now: secondsAfterIssue(ttlSeconds - 1) };
      expect(verifySignedState(state.cookieValue, state.stateParam, lastSecond).userId).toBe('user-alice');
    });

    it('rejects at and after expiry', () => {
      for (const seconds of [ttlSeconds, ttlSeconds + 3600]) {
        const options = { ...verifyOptions, now: secondsAfterIssue(seconds) };
        expect(rejection(() => verifySignedState(state.cookieValue, state.stateParam, options)).code).toBe(OAuthStateErrorCode.Expired);
      }
    });
  });

  describe('binding to the flow', () => {
    it('rejects a callback completed by another signed-in user', () => {
      const options = { ...verifyOptions, expectedUserId: 'user-mallory' };
      expect(rejection(() => verifySignedState(state.cookieValue, state.stateParam, options)).code).toBe(OAuthStateErrorCode.Mismatch);
    });

    it('rejects a callback on another provider', () => {
      const options = { ...verifyOptions, expectedProvider: 'salesforce' };
      expect(rejection(() => verifySignedState(state.cookieValue, state.stateParam, options)).code).toBe(OAuthStateErrorCode.Mismatch);
    });

    it('rejects a state parameter that does not match the cookie nonce', () => {
      const other = createSignedState(input, { secret, ttlSeconds, now: issuedAt });
      expect(rejection(() => verifySignedState(state.cookieValue, other.stateParam, verifyOptions)).code).toBe(OAuthStateErrorCode.Mismatch);
      expect(rejection(() => verifySignedState(state.cookieValue, `${state.stateParam}x`, verifyOptions)).code).toBe(OAuthStateErrorCode.Mismatch);
      expect(rejection(() => verifySignedState(state.cookieValue, state.stateParam.slice(1), verifyOptions)).code).toBe(OAuthStateErrorCode.Mismatch);
    });
  });

  describe('missing or malformed input', () => {
    it.each([
      ['no cookie', undefined, 'param'],
      ['an empty cookie', '', 'param'],
      ['no state parameter', 'cookie', undefined],
      ['a null state parameter', 'cookie', null],
    ])('rejects %s as missing', (_label, cookie, param) => {
      const cookieValue = cookie === 'cookie' ? state.cookieValue : cookie;
      const stateParam = param === 'param' ? state.stateParam : param;
      expect(rejection(() => verifySignedState(cookieValue, stateParam, verifyOptions)).code).toBe(OAuthStateErrorCode.Missing);
    });

    it.each([
      ['invalid base64url in the payload', () => `${state.cookieValue.replace(/^./, '*')}`],
      ['invalid base64url in the signature', () => `${state.cookieValue.slice(0, -2)}+/`],
      ['standard base64 padding', () => `${state.cookieValue}=`],
      ['no signature', () => state.cookieValue.split('.')[0]!],
      ['an extra segment', () => `${state.cookieValue}.extra`],
      ['a truncated signature', () => state.cookieValue.slice(0, -4)],
      ['an oversized cookie', () => `${'a'.repeat(5000)}.${state.cookieValue.split('.')[1]}`],
    ])('rejects a cookie with %s as malformed', (_label, makeCookie) => {
      expect(rejection(() => verifySignedState(makeCookie(), state.stateParam, verifyOptions)).code).toBe(OAuthStateErrorCode.Malformed);
    });

    it('rejects a correctly signed payload of an unknown shape as malformed', () => {
      // Only reachable with the secret (e.g. a future format); proves the payload is still checked.
      const segment = Buffer.from(JSON.stringify({ v: 2, sub: 'user-alice' })).toString('base64url');
      const signature = createHmac('sha256', secret).update(`sentinel.oauth-state.v1.${segment}`).digest('base64url');
      expect(rejection(() => verifySignedState(`${segment}.${signature}`, 'x', verifyOptions)).code).toBe(OAuthStateErrorCode.Malformed);
    });
  });

  describe('misuse', () => {
    it.each([
      ['a short secret', () => createSignedState(input, { secret: 'short', ttlSeconds, now: issuedAt }), CryptoArgumentErrorCode.WeakSecret],
      ['a zero ttl', () => createSignedState(input, { secret, ttlSeconds: 0, now: issuedAt }), CryptoArgumentErrorCode.InvalidTtl],
      ['a day-long ttl', () => createSignedState(input, { secret, ttlSeconds: 86_400, now: issuedAt }), CryptoArgumentErrorCode.InvalidTtl],
      ['an empty user id', () => createSignedState({ ...input, userId: '' }, { secret, ttlSeconds, now: issuedAt }), CryptoArgumentErrorCode.InvalidStateInput],
      ['an invalid date', () => createSignedState(input, { secret, ttlSeconds, now: new Date('nope') }), CryptoArgumentErrorCode.InvalidStateInput],
      ['an absolute redirect', () => createSignedState({ ...input, redirectAfter: 'https://evil.example' }, { secret, ttlSeconds, now: issuedAt }), CryptoArgumentErrorCode.InvalidRedirect],
      ['a protocol-relative redirect', () => createSignedState({ ...input, redirectAfter: '//evil.example' }, { secret, ttlSeconds, now: issuedAt }), CryptoArgumentErrorCode.InvalidRedirect],
      ['a backslash redirect', () => createSignedState({ ...input, redirectAfter: '/\\evil.example' }, { secret, ttlSeconds, now: issuedAt }), CryptoArgumentErrorCode.InvalidRedirect],
      ['an invalid code verifier', () => createSignedState({ ...input, codeVerifier: 'short' }, { secret, ttlSeconds, now: issuedAt }), CryptoArgumentErrorCode.InvalidCodeVerifier],
      ['a short secret on verify', () => verifySignedState(state.cookieValue, state.stateParam, { ...verifyOptions, secret: 'short' }), CryptoArgumentErrorCode.WeakSecret],
    ])('refuses %s', (_label, run, code) => {
      expect(run).toThrow(CryptoArgumentError);
      expect(run).toThrow(expect.objectContaining({ code }));
    });
  });
});
