import { timingSafeEqual } from 'node:crypto';
import { hmacSha256 } from '@sentinel/crypto';
import { SlackRequestRejectedError } from '../errors/slack-request-rejected.error';

/** Slack's replay window: a request timestamped further than this from now, either way, is refused. */
export const SLACK_MAX_SKEW_SECONDS = 300;

const SIGNATURE_VERSION = 'v0';

export interface SlackSignedRequest {
  timestamp: string | undefined;
  signature: string | undefined;
  /** The exact bytes received; a parsed-and-reserialized body would not match. */
  rawBody: Buffer | undefined;
}

/**
 * Verifies Slack's request signature: `v0=` + hex HMAC-SHA256(secret, `v0:<ts>:<raw body>`).
 * Accepts the current secret and, during a rotation, the previous one. Throws
 * SlackRequestRejectedError with the reason token; returns the verified raw body.
 */
export class SlackSignatureVerifier {
  private readonly secrets: string[];

  constructor(
    secrets: Array<string | undefined>,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {
    this.secrets = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length > 0);
  }

  verify(request: SlackSignedRequest): Buffer {
    if (this.secrets.length === 0) throw new SlackRequestRejectedError('signing_not_configured');
    const { timestamp, signature, rawBody } = request;
    if (!timestamp || !signature || !rawBody) throw new SlackRequestRejectedError('missing_headers');
    if (!/^\d{1,12}$/.test(timestamp)) throw new SlackRequestRejectedError('malformed_timestamp');
    if (Math.abs(this.nowSeconds() - Number(timestamp)) > SLACK_MAX_SKEW_SECONDS) {
      throw new SlackRequestRejectedError('stale_timestamp');
    }
    const received = Buffer.from(signature, 'utf8');
    const base = Buffer.concat([Buffer.from(`${SIGNATURE_VERSION}:${timestamp}:`, 'utf8'), rawBody]);
    // Every secret is tried (no early exit) so the time taken does not tell which one matched.
    let matched = false;
    for (const secret of this.secrets) {
      const expected = Buffer.from(`${SIGNATURE_VERSION}=${hmacSha256(secret, base, 'hex')}`, 'utf8');
      // timingSafeEqual throws on unequal lengths; the expected length is public (v0= + 64 hex).
      if (received.length === expected.length && timingSafeEqual(received, expected)) matched = true;
    }
    if (!matched) throw new SlackRequestRejectedError('bad_signature');
    return rawBody;
  }
}
