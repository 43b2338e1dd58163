import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  type CryptoKey,
  type JWK,
  type JWSHeaderParameters,
} from 'jose';
import { DevIdentityError, DevIdentityErrorCode } from './dev-identity.error';
import type { KeyInfo, SigningAlgorithm } from './dev-identity.types';

export interface SigningKey {
  kid: string;
  alg: SigningAlgorithm;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

/**
 * The service's asymmetric keys. The newest key of an algorithm signs; older keys stay in the
 * JWKS for verification until removed, which is how tests produce a rotation or an unknown kid.
 */
export class KeyRing {
  private keys: SigningKey[] = [];

  static async create(algorithms: readonly SigningAlgorithm[]): Promise<KeyRing> {
    const ring = new KeyRing();
    for (const alg of new Set(algorithms)) await ring.rotate(alg);
    return ring;
  }

  async rotate(alg: SigningAlgorithm): Promise<KeyInfo> {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    const jwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(jwk);
    const key: SigningKey = { kid, alg, privateKey, publicKey, publicJwk: { ...jwk, kid, alg, use: 'sig' } };
    this.keys.push(key);
    return this.info(key);
  }

  remove(kid: string): void {
    if (!this.keys.some((key) => key.kid === kid)) throw new DevIdentityError(DevIdentityErrorCode.NotFound, ['kid']);
    this.keys = this.keys.filter((key) => key.kid !== kid);
  }

  signingKey(alg: SigningAlgorithm): SigningKey {
    const key = this.keys.filter((candidate) => candidate.alg === alg).at(-1);
    if (!key) throw new DevIdentityError(DevIdentityErrorCode.NoSigningKey, [`no ${alg} key: rotate one in first`]);
    return key;
  }

  /** jose key resolver: the header must name a key this ring holds, with that key's algorithm. */
  verificationKey(header: JWSHeaderParameters): CryptoKey {
    const key = this.keys.find((candidate) => candidate.kid === header.kid && candidate.alg === header.alg);
    if (!key) throw new DevIdentityError(DevIdentityErrorCode.TokenInvalid);
    return key.publicKey;
  }

  jwks(): { keys: JWK[] } {
    return { keys: this.keys.map((key) => ({ ...key.publicJwk })) };
  }

  list(): KeyInfo[] {
    return this.keys.map((key) => this.info(key));
  }

  private info(key: SigningKey): KeyInfo {
    return { kid: key.kid, alg: key.alg, signing: this.signingKey(key.alg) === key };
  }
}
