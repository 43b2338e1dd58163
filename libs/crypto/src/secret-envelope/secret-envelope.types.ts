/**
 * How a stored value was written:
 * - `enc-v1`: `enc:v1:<keyId>:<iv>:<tag>:<ciphertext>`, bound to its location (AAD). Current format.
 * - `enc-v1-unkeyed`: documented legacy `enc:v1:<iv>:<tag>:<ciphertext>`, no key id, no AAD.
 * - `plaintext`: legacy row stored before encryption existed.
 */
export type SecretFormat = 'enc-v1' | 'enc-v1-unkeyed' | 'plaintext';

export interface DecryptedSecret {
  readonly plaintext: string;
  readonly format: SecretFormat;
  /** The key that decrypted it; null for plaintext. */
  readonly keyId: string | null;
  /** True for plaintext and unkeyed envelopes: not location-bound, so the caller should re-encrypt. */
  readonly legacy: boolean;
}

export interface ReencryptResult {
  /** The value to store: under the newest key, in the current format. */
  readonly value: string;
  /** False when `value` is the input unchanged (already current), so no write is needed. */
  readonly changed: boolean;
  readonly previousFormat: SecretFormat;
  readonly previousKeyId: string | null;
}

export interface SecretEnvelopeOptions {
  /**
   * Whether plaintext and unkeyed envelopes are still readable. True while old rows exist; switch
   * off once the rotation command has rewritten them, so a plaintext value planted in the database
   * is refused instead of being used.
   */
  readonly acceptLegacy?: boolean;
}
