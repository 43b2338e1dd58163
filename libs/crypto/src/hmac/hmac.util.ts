import { createHash, createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';
import { CryptoArgumentError, CryptoArgumentErrorCode } from '../errors/crypto-argument.error';

export type HmacKey = string | Buffer | KeyObject;
export type HmacOutputEncoding = 'hex' | 'base64' | 'base64url';

/**
 * HMAC-SHA256 of `data` (strings are UTF-8). Returns the raw digest, or a string in `encoding`
 * (Slack and our outbound webhooks use hex). An empty key is refused: it is almost always an unset
 * environment variable, and an HMAC under an empty key authenticates nothing.
 */
export function hmacSha256(key: HmacKey, data: string | Buffer): Buffer;
export function hmacSha256(key: HmacKey, data: string | Buffer, encoding: HmacOutputEncoding): string;
export function hmacSha256(key: HmacKey, data: string | Buffer, encoding?: HmacOutputEncoding): Buffer | string {
  if ((typeof key === 'string' || Buffer.isBuffer(key)) && key.length === 0) {
    throw new CryptoArgumentError(CryptoArgumentErrorCode.WeakSecret, 'HMAC key must not be empty');
  }
  const hmac = createHmac('sha256', key).update(data);
  return encoding ? hmac.digest(encoding) : hmac.digest();
}

/**
 * Constant-time equality for secrets (signatures, nonces, tokens). Both sides are hashed first so
 * the compared buffers always have the same length: `timingSafeEqual` would otherwise throw on a
 * length difference, and an early length check would leak the expected length through timing.
 */
export function constantTimeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const digestA = createHash('sha256').update(a).digest();
  const digestB = createHash('sha256').update(b).digest();
  return timingSafeEqual(digestA, digestB);
}
