import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { GooglePushRejectedError } from '../../errors/google-push.errors';

export const GOOGLE_PUSH_SETTINGS = Symbol('GOOGLE_PUSH_SETTINGS');

export interface GooglePushSettings {
  audience?: string;
  serviceAccount?: string;
  jwksUrl: string;
}

const GOOGLE_ISSUERS = ['https://accounts.google.com', 'accounts.google.com'];

/**
 * Verifies the OIDC token Pub/Sub attaches to a push (`Authorization: Bearer <jwt>`): Google's
 * signature (keys from the JWKS, cached by jose), issuer, audience, expiry, and the pushing
 * service account with a verified email. Any failure is the same 401: no detail for a forger.
 */
@Injectable()
export class GooglePushVerifier {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(@Inject(GOOGLE_PUSH_SETTINGS) private readonly settings: GooglePushSettings) {
    this.keys = createRemoteJWKSet(new URL(settings.jwksUrl), { timeoutDuration: 5_000 });
  }

  async verify(authorization: string | undefined): Promise<void> {
    if (!this.settings.audience) throw new GooglePushRejectedError('push_not_configured');
    const token = /^Bearer ([^\s]+)$/.exec(authorization ?? '')?.[1];
    if (!token) throw new GooglePushRejectedError('missing_token');
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, { issuer: GOOGLE_ISSUERS, audience: this.settings.audience, algorithms: ['RS256'] }));
    } catch {
      throw new GooglePushRejectedError('invalid_token');
    }
    const email = typeof payload.email === 'string' ? payload.email : undefined;
    if (payload.email_verified !== true || (this.settings.serviceAccount !== undefined && email !== this.settings.serviceAccount)) {
      throw new GooglePushRejectedError('wrong_service_account');
    }
  }
}
