import { Strategy as BearerStrategy, type VerifyFunction } from 'passport-http-bearer';
import type { Request } from 'express';
import { AuthErrorCode } from '../errors/auth-error.code';
import { AuthException } from '../errors/auth.exception';
import { extractBearerToken } from './bearer-token.extractor';

let instances = 0;

/**
 * passport-http-bearer, narrowed to the Authorization header: the stock strategy also accepts
 * `access_token` from the query string and the body, which Sentinel refuses. Each instance gets
 * its own passport name, because passport's registry is process-global and several Nest apps
 * (tests, the benchmark) may live in one process.
 */
export class HeaderBearerStrategy extends BearerStrategy<VerifyFunction> {
  /** Provided by passport-strategy at runtime; missing from the published typings. */
  declare error: (error: unknown) => void;

  constructor(verify: VerifyFunction) {
    super(verify);
    this.name = `sentinel-bearer-${++instances}`;
  }

  override authenticate(request: Request): void {
    const { token, problem } = extractBearerToken(request.headers);
    if (problem === 'malformed') return this.error(new AuthException(AuthErrorCode.TokenInvalid));
    super.authenticate({ headers: token === undefined ? {} : { authorization: `Bearer ${token}` } } as Request);
  }
}
