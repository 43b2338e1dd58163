import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { DevIdentityError, DevIdentityErrorCode } from '../dev-identity.error';

export const ADMIN_KEY_HEADER = 'x-admin-key';

/** Checks the admin key in constant time (digests first, so lengths never differ). */
export class AdminKeyGuard {
  private readonly expected: Buffer;

  constructor(adminKey: string) {
    this.expected = digest(adminKey);
  }

  assert(headers: IncomingHttpHeaders): void {
    const presented = headers[ADMIN_KEY_HEADER];
    if (typeof presented !== 'string' || !timingSafeEqual(digest(presented), this.expected)) {
      throw new DevIdentityError(DevIdentityErrorCode.AdminKeyInvalid);
    }
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
