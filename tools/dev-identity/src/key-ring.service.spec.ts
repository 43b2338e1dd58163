import { DevIdentityErrorCode } from './dev-identity.error';
import { KeyRing } from './key-ring.service';

describe('KeyRing', () => {
  it('signs with the newest key of an algorithm and keeps older ones for verification', async () => {
    const ring = await KeyRing.create(['ES256']);
    const first = ring.signingKey('ES256');
    const rotated = await ring.rotate('ES256');

    expect(ring.signingKey('ES256').kid).toBe(rotated.kid);
    expect(ring.list()).toEqual([
      { kid: first.kid, alg: 'ES256', signing: false },
      { kid: rotated.kid, alg: 'ES256', signing: true },
    ]);
    expect(ring.verificationKey({ kid: first.kid, alg: 'ES256' })).toBe(first.publicKey);
  });

  it('refuses a kid it does not hold, or a known kid with another algorithm', async () => {
    const ring = await KeyRing.create(['ES256']);
    const { kid } = ring.signingKey('ES256');
    expect(() => ring.verificationKey({ kid: 'unknown', alg: 'ES256' })).toThrow(DevIdentityErrorCode.TokenInvalid);
    expect(() => ring.verificationKey({ kid, alg: 'RS256' })).toThrow(DevIdentityErrorCode.TokenInvalid);
  });

  it('forgets a removed key and reports when no key of an algorithm is left', async () => {
    const ring = await KeyRing.create(['ES256']);
    const { kid } = ring.signingKey('ES256');
    ring.remove(kid);
    expect(ring.jwks().keys).toEqual([]);
    expect(() => ring.signingKey('ES256')).toThrow(DevIdentityErrorCode.NoSigningKey);
    expect(() => ring.remove(kid)).toThrow(DevIdentityErrorCode.NotFound);
  });
});
