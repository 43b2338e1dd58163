import { createHash, randomBytes } from 'node:crypto';
import { CryptoArgumentError, CryptoArgumentErrorCode } from '../errors/crypto-argument.error';

/** RFC 7636 §4.1: 43-128 characters of the unreserved set. */
const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export interface PkcePair {
  readonly codeVerifier: string;
  readonly codeChallenge: string;
  readonly codeChallengeMethod: 'S256';
}

/** A fresh PKCE pair: 32 random bytes as base64url (43 chars, the RFC's recommendation) and its S256 challenge. */
export function createPkcePair(): PkcePair {
  const codeVerifier = randomBytes(32).toString('base64url');
  return { codeVerifier, codeChallenge: pkceChallengeS256(codeVerifier), codeChallengeMethod: 'S256' };
}

/** `BASE64URL(SHA256(ASCII(code_verifier)))` (RFC 7636 §4.2). */
export function pkceChallengeS256(codeVerifier: string): string {
  assertCodeVerifier(codeVerifier);
  return createHash('sha256').update(codeVerifier, 'ascii').digest('base64url');
}

export function isValidCodeVerifier(codeVerifier: string): boolean {
  return CODE_VERIFIER.test(codeVerifier);
}

export function assertCodeVerifier(codeVerifier: string): void {
  if (!isValidCodeVerifier(codeVerifier)) {
    throw new CryptoArgumentError(CryptoArgumentErrorCode.InvalidCodeVerifier, 'PKCE code verifier must be 43-128 characters of A-Z a-z 0-9 - . _ ~');
  }
}
