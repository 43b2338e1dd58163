import { CryptoError } from './crypto.error';

export enum KeyRingErrorCode {
  Missing = 'key_missing',
  MalformedEntry = 'key_entry_malformed',
  InvalidKeyId = 'key_id_invalid',
  DuplicateKeyId = 'key_id_duplicate',
  InvalidEncoding = 'key_encoding_invalid',
  InvalidLength = 'key_length_invalid',
}

/**
 * The encryption key configuration is unusable. `variable` names where it came from so an operator
 * can fix it; the message never echoes the value, because the value is key material.
 */
export class KeyRingError extends CryptoError<KeyRingErrorCode> {
  constructor(
    code: KeyRingErrorCode,
    readonly variable: string,
    reason: string,
  ) {
    super(code, `Invalid configuration: ${variable} ${reason}`);
  }
}
