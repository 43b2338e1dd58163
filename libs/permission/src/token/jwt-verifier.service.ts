import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { AuthErrorCode } from '../errors/auth-error.code';
import { AuthException } from '../errors/auth.exception';
import { PERMISSION_OPTIONS, type ResolvedPermissionOptions } from '../module/permission.options';

/** What layers 2 and 3 need from a verified token's signed claims. */
export interface VerifiedClaims {
  subject: string;
  /** ms since epoch */
  expiresAt: number;
  /** `tenants[].id`, or the single `tenant_id` of a legacy token. */
  tenantIds: string[];
  legacyShape: boolean;
}

/** jose failures that mean "this token is bad". Anything else (JWKS timeout, 5xx, refused) is an outage. */
const REJECTION_CODES = new Set<string>([
  errors.JWTExpired.code,
  errors.JWTClaimValidationFailed.code,
  errors.JWTInvalid.code,
  errors.JWSInvalid.code,
  errors.JWSSignatureVerificationFailed.code,
  errors.JOSEAlgNotAllowed.code,
  errors.JOSENotSupported.code,
  errors.JWKSNoMatchingKey.code,
  errors.JWKSMultipleMatchingKeys.code,
]);

/**
 * Local verification against identity's JWKS before any other work. The key set is fetched once
 * and cached; an unknown `kid` triggers at most one refetch per cooldown, so a flood of forged
 * kids cannot hammer identity, and a bad signature with a known kid never touches the network.
 */
@Injectable()
export class JwtVerifier {
  private readonly keySet: ReturnType<typeof createRemoteJWKSet>;

  constructor(@Inject(PERMISSION_OPTIONS) private readonly options: ResolvedPermissionOptions) {
    this.keySet = createRemoteJWKSet(new URL(options.jwksUrl), {
      timeoutDuration: options.identityTimeoutMs,
      cooldownDuration: options.jwksCooldownMs,
    });
  }

  async verify(token: string): Promise<VerifiedClaims> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keySet, {
        algorithms: this.options.algorithms,
        issuer: this.options.issuer,
        audience: this.options.audience,
        typ: 'at+jwt',
        requiredClaims: ['exp', 'sub'],
        clockTolerance: this.options.clockToleranceSeconds,
        currentDate: new Date(this.options.now()),
      }));
    } catch (error) {
      const rejected = error instanceof errors.JOSEError && REJECTION_CODES.has(error.code);
      throw new AuthException(rejected ? AuthErrorCode.TokenInvalid : AuthErrorCode.IdentityUnavailable);
    }
    return claimsOf(payload);
  }
}

function claimsOf(payload: JWTPayload): VerifiedClaims {
  const { sub, exp, tenants, tenant_id: legacyTenantId } = payload as JWTPayload & { tenants?: unknown; tenant_id?: unknown };
  if (typeof sub !== 'string' || sub === '' || typeof exp !== 'number') throw new AuthException(AuthErrorCode.TokenInvalid);
  if (Array.isArray(tenants)) {
    const tenantIds = tenants.map((tenant: unknown) => (tenant as { id?: unknown } | null)?.id);
    if (!tenantIds.every((id): id is string => typeof id === 'string')) throw new AuthException(AuthErrorCode.TokenInvalid);
    return { subject: sub, expiresAt: exp * 1000, tenantIds, legacyShape: false };
  }
  if (tenants === undefined && typeof legacyTenantId === 'string') {
    return { subject: sub, expiresAt: exp * 1000, tenantIds: [legacyTenantId], legacyShape: true };
  }
  throw new AuthException(AuthErrorCode.TokenInvalid);
}
