import { SignJWT } from 'jose';
// Test-only: the dev identity (a tool app) stands in for the external identity service in-process.
import type { DevIdentityHandle } from '@sentinel/dev-identity';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Valid-looking claims for a subject, for tokens the dev identity will not mint. */
function claimsFor(identity: DevIdentityHandle, subject: string, tenantId: string) {
  const now = Math.floor(Date.now() / 1000);
  return { iss: identity.issuer, aud: identity.audience, sub: subject, iat: now, exp: now + 600, tenants: [{ id: tenantId, role: 'member' }] };
}

/** `alg: none`, no signature. */
export function unsignedToken(identity: DevIdentityHandle, subject: string, tenantId: string): string {
  return `${base64url({ alg: 'none', typ: 'at+jwt' })}.${base64url(claimsFor(identity, subject, tenantId))}.`;
}

/** The classic key-confusion attack: HS256 with the identity's public key (as served in the JWKS) as the secret. */
export async function publicKeyHmacToken(identity: DevIdentityHandle, subject: string, tenantId: string): Promise<string> {
  const { keys } = (await (await fetch(identity.jwksUrl)).json()) as { keys: { kid: string }[] };
  const key = keys[0];
  if (key === undefined) throw new Error('the dev identity served an empty key set');
  return new SignJWT(claimsFor(identity, subject, tenantId))
    .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: key.kid })
    .sign(new TextEncoder().encode(JSON.stringify(key)));
}

/** Same header and claims, one signature character changed (in the middle, so the bytes really differ). */
export function tamperedSignature(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const middle = Math.floor(signature.length / 2);
  const flipped = signature[middle] === 'A' ? 'B' : 'A';
  return `${header}.${payload}.${signature.slice(0, middle)}${flipped}${signature.slice(middle + 1)}`;
}
