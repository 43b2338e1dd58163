/** Longer tokens are refused before any parsing (Node itself answers 431 above ~16 KB of headers). */
export const MAX_BEARER_TOKEN_LENGTH = 8_192;

// RFC 6750: case-insensitive scheme, one space, one b64token, nothing around it.
const BEARER_HEADER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;


/**
 * Reads only the `Authorization: Bearer` header: cookies, query parameters and bodies are never
 * consulted, so a token cannot be smuggled in through them.
 */
export function extractBearerToken(headers: { authorization?: string | string[] }): { token?: string; problem?: 'missing' | 'malformed' } {
  const header = headers.authorization;
  if (header === undefined) return { problem: 'missing' };
  if (typeof header !== 'string' || header.length > MAX_BEARER_TOKEN_LENGTH + 7) return { problem: 'malformed' };
  const token = BEARER_HEADER.exec(header)?.[1];
  return token === undefined ? { problem: 'malformed' } : { token };
}
