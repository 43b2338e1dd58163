import { createPublicKey, type JsonWebKey } from 'node:crypto';

/** The first key of a JWKS as SPKI PEM (what a confused verifier would use as an HMAC secret). */
export async function fetchPublicKeyPem(jwksUrl: string): Promise<string> {
  const response = await fetch(jwksUrl);
  const { keys } = (await response.json()) as { keys: JsonWebKey[] };
  return createPublicKey({ key: keys[0], format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
}
