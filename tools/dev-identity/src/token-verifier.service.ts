import { jwtVerify } from 'jose';
import { DevIdentityError, DevIdentityErrorCode } from './dev-identity.error';
import { SIGNING_ALGORITHMS, type Principal } from './dev-identity.types';
import type { IdentityDirectory } from './identity-directory.store';
import type { KeyRing } from './key-ring.service';

export interface VerifiedCaller {
  principal: Principal;
  impersonatorId?: string;
}

export interface VerificationSettings {
  issuer: string;
  audience: string;
}

/**
 * Decides whether a bearer token is good, as a real identity service would: its own keys, its
 * issuer and audience, `typ`, expiry and `nbf`, not revoked, and an existing active subject.
 * Every rejection is the same `token_invalid`.
 */
export class TokenVerifier {
  constructor(
    private readonly keyRing: KeyRing,
    private readonly directory: IdentityDirectory,
    private readonly settings: VerificationSettings,
  ) {}

  async verify(authorization: string | undefined): Promise<VerifiedCaller> {
    const token = /^Bearer ([^\s]+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw rejected();
    const payload = await jwtVerify(token, (header) => this.keyRing.verificationKey(header), {
      issuer: this.settings.issuer,
      audience: this.settings.audience,
      algorithms: [...SIGNING_ALGORITHMS],
      typ: 'at+jwt',
      requiredClaims: ['exp', 'sub'],
    }).then(
      (result) => result.payload,
      () => Promise.reject(rejected()),
    );
    if (typeof payload.jti === 'string' && this.directory.isTokenRevoked(payload.jti)) throw rejected();
    const principal = payload.sub === undefined ? undefined : this.directory.find(payload.sub);
    if (!principal?.active) throw rejected();
    const impersonatorId = typeof payload.impersonator_id === 'string' ? payload.impersonator_id : undefined;
    return { principal, ...(impersonatorId === undefined ? {} : { impersonatorId }) };
  }
}

function rejected(): DevIdentityError {
  return new DevIdentityError(DevIdentityErrorCode.TokenInvalid);
}
