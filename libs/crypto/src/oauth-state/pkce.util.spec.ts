import { createHash } from 'node:crypto';
import { CryptoArgumentError } from '../errors/crypto-argument.error';
import { createPkcePair, pkceChallengeS256 } from './pkce.util';

describe('PKCE', () => {
  it('matches the RFC 7636 appendix B test vector', () => {
    expect(pkceChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('creates a 43-character verifier whose S256 challenge matches', () => {
    const pair = createPkcePair();
    expect(pair.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pair.codeChallengeMethod).toBe('S256');
    expect(pair.codeChallenge).toBe(createHash('sha256').update(pair.codeVerifier).digest('base64url'));
  });

  it('creates a different verifier each time', () => {
    expect(createPkcePair().codeVerifier).not.toBe(createPkcePair().codeVerifier);
  });

  it.each([
    ['too short', 'a'.repeat(42)],
    ['too long', 'a'.repeat(129)],
    ['outside the unreserved set', `${'a'.repeat(42)}+`],
  ])('rejects a verifier that is %s', (_label, verifier) => {
    expect(() => pkceChallengeS256(verifier)).toThrow(CryptoArgumentError);
  });
});
