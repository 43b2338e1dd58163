import { randomBytes } from 'node:crypto';

export type TokenCheck = { ok: true } | { ok: false; reason: 'unknown' | 'expired'; expiredAt?: Date };

/** Access tokens, refresh tokens and authorization codes a fake has issued. */
export class TokenRegistry {
  private readonly accessTokens = new Map<string, Date | null>();
  private readonly refreshTokens = new Set<string>();
  private readonly codes = new Set<string>();

  constructor(private readonly prefix: string) {}

  /** An access token valid for `lifetimeMs` (or until expired by the test when null). */
  issueAccessToken(lifetimeMs: number | null): string {
    const token = this.random('at');
    this.accessTokens.set(token, lifetimeMs === null ? null : new Date(Date.now() + lifetimeMs));
    return token;
  }

  issueRefreshToken(): string {
    const token = this.random('rt');
    this.refreshTokens.add(token);
    return token;
  }

  /** A one-time authorization code, as the consent screen would hand back. */
  issueAuthorizationCode(): string {
    const code = this.random('code');
    this.codes.add(code);
    return code;
  }

  consumeAuthorizationCode(code: string): boolean {
    return this.codes.delete(code);
  }

  isRefreshToken(token: string): boolean {
    return this.refreshTokens.has(token);
  }

  revokeRefreshToken(token: string): void {
    this.refreshTokens.delete(token);
  }

  expireAccessToken(token: string): void {
    if (this.accessTokens.has(token)) this.accessTokens.set(token, new Date(Date.now() - 1));
  }

  check(authorization: string | undefined): TokenCheck {
    const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    if (token === undefined || !this.accessTokens.has(token)) return { ok: false, reason: 'unknown' };
    const expiresAt = this.accessTokens.get(token);
    if (expiresAt && expiresAt.getTime() <= Date.now()) return { ok: false, reason: 'expired', expiredAt: expiresAt };
    return { ok: true };
  }

  private random(kind: string): string {
    return `${this.prefix}-${kind}-${randomBytes(18).toString('base64url')}`;
  }
}
