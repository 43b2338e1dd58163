import { CryptoError } from './crypto.error';

export enum SecretDecryptionErrorCode {
  /** Starts with `enc:` but is not a well-formed envelope. */
  Malformed = 'envelope_malformed',
  /** An `enc:<version>` this code does not know. */
  UnsupportedVersion = 'envelope_version_unsupported',
  /** The key id is not in the ring (e.g. an old key was removed before its rows were re-encrypted). */
  UnknownKey = 'key_unknown',
  /** GCM authentication failed: tampered iv/tag/ciphertext/key id, wrong key, or wrong location (AAD). */
  AuthenticationFailed = 'authentication_failed',
  /** A legacy value (plaintext or unkeyed envelope) was read while legacy reads are switched off. */
  LegacyRejected = 'legacy_rejected',
}

/** A stored secret could not be turned back into plaintext. Nothing partially decrypted is ever returned. */
export class SecretDecryptionError extends CryptoError<SecretDecryptionErrorCode> {
  constructor(
    code: SecretDecryptionErrorCode,
    /** Where the value was read from (`table.column`), for the operator; never the value itself. */
    readonly location: string,
    reason: string,
    readonly keyId?: string,
  ) {
    super(code, `Cannot decrypt secret at ${location}: ${reason}`);
  }
}
