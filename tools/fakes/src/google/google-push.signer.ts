import { createPublicKey, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';

export interface PushTokenOptions {
  /** The push endpoint's configured audience. */
  audience: string;
  /** The service account the subscription pushes as. */
  email: string;
  /** Seconds until expiry; negative for an already expired token. */
  expiresInSeconds?: number;
  issuer?: string;
}

/**
 * Signs Pub/Sub push OIDC tokens as Google does (RS256, `iss` accounts.google.com, `email`,
 * `email_verified`) and publishes the public key as a JWKS.
 */
export class GooglePushSigner {
  private readonly privateKey: KeyObject;
  readonly keyId = randomUUID();

  constructor() {
    this.privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  }

  jwks(): { keys: Array<Record<string, unknown>> } {
    const jwk = createPublicKey(this.privateKey).export({ format: 'jwk' });
    return { keys: [{ ...jwk, kid: this.keyId, alg: 'RS256', use: 'sig' }] };
  }

  sign(options: PushTokenOptions): string {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', kid: this.keyId, typ: 'JWT' };
    const payload = {
      iss: options.issuer ?? 'https://accounts.google.com',
      aud: options.audience,
      azp: '1234567890',
      sub: '1234567890',
      email: options.email,
      email_verified: true,
      iat: now,
      exp: now + (options.expiresInSeconds ?? 3600),
    };
    const input = `${encode(header)}.${encode(payload)}`;
    return `${input}.${sign('sha256', Buffer.from(input), this.privateKey).toString('base64url')}`;
  }
}

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
