import { CryptoError } from './crypto.error';

/** A caller passed arguments that can never work: a programming or configuration bug, not bad data. */
export enum CryptoArgumentErrorCode {
  InvalidAadContext = 'invalid_aad_context',
  AlreadyEncrypted = 'already_encrypted',
  WeakSecret = 'weak_secret',
  InvalidTtl = 'invalid_ttl',
  InvalidStateInput = 'invalid_state_input',
  InvalidRedirect = 'invalid_redirect',
  InvalidCodeVerifier = 'invalid_code_verifier',
}

export class CryptoArgumentError extends CryptoError<CryptoArgumentErrorCode> {
  constructor(code: CryptoArgumentErrorCode, message: string) {
    super(code, message);
  }
}
