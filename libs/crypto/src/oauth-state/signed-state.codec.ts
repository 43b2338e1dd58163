import { decodeBase64UrlStrict } from '../encoding/base64.util';
import { isValidCodeVerifier } from './pkce.util';

/** What the cookie carries, signed but not encrypted: nothing in it may be a long-lived secret. */
export interface StatePayload {
  readonly v: 1;
  readonly nonce: string;
  readonly sub: string;
  readonly provider: string;
  readonly redirectAfter?: string;
  readonly codeVerifier?: string;
  /** Unix seconds. */
  readonly iat: number;
  readonly exp: number;
}

export function encodeStatePayload(payload: StatePayload): string {
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/**
 * Decodes and shape-checks a payload segment; undefined when it is not a v1 payload. Only called
 * after the HMAC has been verified, so this guards against our own format changes, not attackers.
 */
export function decodeStatePayload(segment: string): StatePayload | undefined {
  const bytes = decodeBase64UrlStrict(segment);
  if (!bytes) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  return isStatePayload(parsed) ? parsed : undefined;
}

function isStatePayload(value: unknown): value is StatePayload {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    candidate['v'] === 1 &&
    isNonEmptyString(candidate['nonce']) &&
    isNonEmptyString(candidate['sub']) &&
    isNonEmptyString(candidate['provider']) &&
    (candidate['redirectAfter'] === undefined || isSafeRedirectPath(candidate['redirectAfter'])) &&
    (candidate['codeVerifier'] === undefined || (typeof candidate['codeVerifier'] === 'string' && isValidCodeVerifier(candidate['codeVerifier']))) &&
    Number.isSafeInteger(candidate['iat']) &&
    Number.isSafeInteger(candidate['exp'])
  );
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/**
 * A same-origin path: starts with one `/`, and no `//` or `/\` that browsers would read as another
 * host, no control characters, bounded length.
 */
export function isSafeRedirectPath(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= 2048 &&
    value.startsWith('/') &&
    !value.startsWith('//') &&
    !value.includes('\\') &&
    // eslint-disable-next-line no-control-regex
    !/[\u0000-\u001f\u007f]/.test(value)
  );
}
