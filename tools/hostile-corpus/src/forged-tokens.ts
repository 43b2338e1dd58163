import { createHmac } from 'node:crypto';

const b64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/** The claims of a real token (its payload decoded), to forge lookalikes with the same subject. */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** `alg: none` with an empty signature (and a variant that keeps the original one). */
export function algNoneToken(template: string, keepSignature = false): string {
  const header = b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }));
  return `${header}.${b64url(JSON.stringify(claimsOf(template)))}.${keepSignature ? template.split('.')[2] : ''}`;
}

/** HS256 signed with the issuer's public key as the HMAC secret (algorithm confusion). */
export function hs256WithPublicKey(template: string, publicKeyPem: string, kid?: string): string {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', ...(kid ? { kid } : {}) }));
  const signingInput = `${header}.${b64url(JSON.stringify(claimsOf(template)))}`;
  return `${signingInput}.${createHmac('sha256', publicKeyPem).update(signingInput).digest('base64url')}`;
}

/** A real token's signature over tampered claims (tenant or subject swapped). */
export function tamperedClaimsToken(template: string, overrides: Record<string, unknown>): string {
  const [header, , signature] = template.split('.');
  return `${header}.${b64url(JSON.stringify({ ...claimsOf(template), ...overrides }))}.${signature}`;
}

export const GARBAGE_TOKENS: Record<string, string> = {
  'garbage: random text': 'not-a-jwt-at-all',
  'garbage: two segments': 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0',
  'garbage: non-base64 segments': '!!!.@@@.###',
  'garbage: JSON array header': `${b64url('[]')}.${b64url('{}')}.`,
  'garbage: empty bearer': '',
};

/** A syntactically JWT-shaped token of ~8 KB (under the 16 KB header limit, over any sane token size). */
export function oversizedToken(template: string): string {
  return tamperedClaimsToken(template, { pad: 'A'.repeat(6_000) });
}
