import { Inject, Injectable } from '@nestjs/common';
import { constantTimeEqual } from '@sentinel/crypto';
import { AuthErrorCode } from '../errors/auth-error.code';
import { AuthException } from '../errors/auth.exception';
import { PERMISSION_OPTIONS, type ResolvedPermissionOptions } from '../module/permission.options';
import { extractBearerToken } from './bearer-token.extractor';

/** SYSTEM_API_TOKEN checks, always in constant time (hash-then-compare, so lengths may differ). */
@Injectable()
export class SystemTokenChecker {
  constructor(@Inject(PERMISSION_OPTIONS) private readonly options: ResolvedPermissionOptions) {}

  isSystemToken(token: string): boolean {
    return constantTimeEqual(token, this.options.systemApiToken);
  }

  /** For @SystemRoute(): anything but the system token, user tokens included, is a 401. */
  assertSystemRequest(headers: { authorization?: string | string[] }): void {
    const { token } = extractBearerToken(headers);
    if (token === undefined || !this.isSystemToken(token)) throw new AuthException(AuthErrorCode.SystemTokenRequired);
  }
}
