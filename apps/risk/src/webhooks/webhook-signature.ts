import { hmacSha256 } from '@sentinel/crypto';

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (docs/webhooks.md). */
export const WEBHOOK_SIGNATURE_HEADER = 'X-Webhook-Signature';

/**
 * The signature header value for one request. The timestamp is signed with the body, so a receiver
 * that checks it against its clock refuses a captured request replayed later.
 */
export function signWebhook(secret: string, rawBody: string, unixSeconds: number): string {
  if (!Number.isInteger(unixSeconds) || unixSeconds < 0) throw new RangeError('the signature timestamp must be whole unix seconds');
  return `t=${unixSeconds},v1=${hmacSha256(secret, `${unixSeconds}.${rawBody}`, 'hex')}`;
}
