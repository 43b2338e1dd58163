import { createHash, randomBytes } from 'node:crypto';
import { constantTimeEqual } from '../hmac/hmac.util';

/** `sbt_` and 43 base64url characters (32 random bytes). */
const BOT_TOKEN_PATTERN = /^sbt_[A-Za-z0-9_-]{43}$/;
/** Stored in clear to find the row: the scheme and 8 random characters (48 bits), the rest stays secret. */
export const BOT_TOKEN_PREFIX_LENGTH = 12;

/** A new bot token: the token is shown once, only `prefix` and `sha256` are kept. */
export interface IssuedBotToken {
  token: string;
  prefix: string;
  sha256: string;
}

export function issueBotToken(): IssuedBotToken {
  const token = `sbt_${randomBytes(32).toString('base64url')}`;
  return { token, prefix: botTokenPrefix(token), sha256: botTokenSha256(token) };
}

/** Whether a presented string has the shape of a bot token (checked before any lookup). */
export function isBotTokenShaped(candidate: string): boolean {
  return BOT_TOKEN_PATTERN.test(candidate);
}

export function botTokenPrefix(token: string): string {
  return token.slice(0, BOT_TOKEN_PREFIX_LENGTH);
}

/** Hex SHA-256 of the whole token: a 256-bit random secret needs no slow hash. */
export function botTokenSha256(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares a presented token with a stored digest in constant time. */
export function botTokenMatches(presented: string, storedSha256: string): boolean {
  return constantTimeEqual(botTokenSha256(presented), storedSha256);
}
