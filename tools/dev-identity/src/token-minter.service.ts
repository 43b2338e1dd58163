import { randomUUID } from 'node:crypto';
import { CompactSign } from 'jose';
import type { MintedToken, MintTokenInput } from './dev-identity.types';
import type { IdentityDirectory } from './identity-directory.store';
import type { KeyRing } from './key-ring.service';

export interface TokenSettings {
  issuer: string;
  audience: string;
  defaultTtlSeconds: number;
}

const encoder = new TextEncoder();

/** Mints access tokens in the contract's shape, or a deliberately wrong one on request. */
export class TokenMinter {
  constructor(
    private readonly keyRing: KeyRing,
    private readonly directory: IdentityDirectory,
    private readonly settings: TokenSettings,
  ) {}

  async mint(input: MintTokenInput): Promise<MintedToken> {
    const key = this.keyRing.signingKey(input.alg ?? 'ES256');
    const claims = this.claimsFor(input);
    const header = { alg: key.alg, kid: key.kid, typ: 'at+jwt', ...input.header };
    // CompactSign rather than SignJWT: hostile overrides (a string `exp`, say) must reach the wire unchecked.
    const token = await new CompactSign(encoder.encode(JSON.stringify(claims)))
      .setProtectedHeader(header)
      .sign(key.privateKey);
    return { token, header, claims };
  }

  private claimsFor(input: MintTokenInput): Record<string, unknown> {
    const now = Math.floor(Date.now() / 1000);
    const principal = this.directory.find(input.subject);
    const claims: Record<string, unknown> = {
      iss: this.settings.issuer,
      aud: this.settings.audience,
      sub: input.subject,
      iat: now,
      exp: now + (input.ttlSeconds ?? this.settings.defaultTtlSeconds),
      jti: randomUUID(),
    };
    if (input.notBeforeSeconds !== undefined) claims.nbf = now + input.notBeforeSeconds;
    if (input.legacyTenantId !== undefined) claims.tenant_id = input.legacyTenantId;
    else claims.tenants = principal?.tenants ?? [];
    if (principal?.isSystemAdmin) claims.is_system_admin = true;
    if (principal?.kind === 'service_account') claims.scopes = principal.scopes ?? [];
    if (input.impersonatorId !== undefined) claims.impersonator_id = input.impersonatorId;
    Object.assign(claims, input.claims);
    for (const name of input.omitClaims ?? []) delete claims[name];
    return claims;
  }
}
