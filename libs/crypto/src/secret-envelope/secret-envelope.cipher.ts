import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { CryptoArgumentError, CryptoArgumentErrorCode } from '../errors/crypto-argument.error';
import { SecretDecryptionError, SecretDecryptionErrorCode } from '../errors/secret-decryption.error';
import type { KeyRing } from '../key-ring/key-ring.model';
import { assertAadContext, describeLocation, serializeAad, type AadContext } from './aad-context.serializer';
import { ENVELOPE_PREFIX, formatEnvelope, IV_BYTES, parseStoredSecret, TAG_BYTES } from './secret-envelope.codec';
import type { DecryptedSecret, ReencryptResult, SecretEnvelopeOptions } from './secret-envelope.types';

const ALGORITHM = 'aes-256-gcm';

/**
 * Encrypts secrets at rest (OAuth tokens, API keys) with AES-256-GCM under the newest key of a
 * ring, bound to the row and column they are stored in. No I/O: the rotation command and the
 * repositories wrap it.
 */
export class SecretEnvelopeCipher {
  private readonly acceptLegacy: boolean;

  constructor(
    private readonly ring: KeyRing,
    options: SecretEnvelopeOptions = {},
  ) {
    this.acceptLegacy = options.acceptLegacy ?? true;
  }

  /** Returns `enc:v1:<keyId>:<iv>:<tag>:<ciphertext>` under the newest key, with a fresh random IV. */
  encrypt(plaintext: string, context: AadContext): string {
    assertAadContext(context);
    // Encrypting an envelope again is a caller bug that would make the secret unreadable as intended.
    if (plaintext.startsWith(ENVELOPE_PREFIX)) {
      throw new CryptoArgumentError(CryptoArgumentErrorCode.AlreadyEncrypted, `refusing to encrypt a value that is already an envelope at ${describeLocation(context)}`);
    }
    const keyId = this.ring.currentKeyId;
    // 96-bit random IV: GCM's native size; random IVs are safe far beyond any realistic secret count per key.
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.ring.currentKey(), iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(serializeAad(keyId, context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return formatEnvelope(keyId, iv, cipher.getAuthTag(), ciphertext);
  }

  /**
   * Decrypts a stored value read from `context`. Legacy values (plaintext, unkeyed envelope) are
   * returned flagged `legacy` so the caller can re-encrypt. Throws SecretDecryptionError for
   * anything malformed, tampered, moved or under an unknown key; never returns unauthenticated bytes.
   */
  decrypt(value: string, context: AadContext): DecryptedSecret {
    assertAadContext(context);
    const location = describeLocation(context);
    const parsed = parseStoredSecret(value, location);
    if (parsed.kind === 'plaintext') {
      this.assertLegacyAccepted(location, 'plaintext');
      return { plaintext: value, format: 'plaintext', keyId: null, legacy: true };
    }
    if (!parsed.keyed) this.assertLegacyAccepted(location, 'unkeyed envelope');

    const key = this.ring.keyFor(parsed.keyId);
    if (!key) {
      throw new SecretDecryptionError(
        SecretDecryptionErrorCode.UnknownKey,
        location,
        `key "${parsed.keyId}" is not in the key ring (has [${this.ring.keyIds.join(', ')}])`,
        parsed.keyId,
      );
    }
    const decipher = createDecipheriv(ALGORITHM, key, parsed.iv, { authTagLength: TAG_BYTES });
    // The documented legacy format predates AAD, so only keyed envelopes are location-bound.
    if (parsed.keyed) decipher.setAAD(serializeAad(parsed.keyId, context));
    decipher.setAuthTag(parsed.tag);
    let plaintext: Buffer;
    try {
      plaintext = Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()]);
    } catch {
      // OpenSSL cannot tell tampering from a wrong key or wrong location; neither can we, by design.
      throw new SecretDecryptionError(
        SecretDecryptionErrorCode.AuthenticationFailed,
        location,
        'authentication failed (tampered value, wrong key, or value moved from another row or column)',
        parsed.keyId,
      );
    }
    return {
      plaintext: plaintext.toString('utf8'),
      format: parsed.keyed ? 'enc-v1' : 'enc-v1-unkeyed',
      keyId: parsed.keyId,
      legacy: !parsed.keyed,
    };
  }

  /**
   * The value as it should be stored now: under the newest key, keyed and location-bound. Values
   * already current are returned unchanged (`changed: false`) so a rotation run only writes rows
   * that need it. Decrypts first, so a tampered value throws instead of being laundered into a
   * fresh, valid envelope.
   */
  reencrypt(value: string, context: AadContext): ReencryptResult {
    const current = this.decrypt(value, context);
    const previous = { previousFormat: current.format, previousKeyId: current.keyId };
    if (current.format === 'enc-v1' && current.keyId === this.ring.currentKeyId) {
      return { value, changed: false, ...previous };
    }
    return { value: this.encrypt(current.plaintext, context), changed: true, ...previous };
  }

  private assertLegacyAccepted(location: string, what: string): void {
    if (!this.acceptLegacy) {
      throw new SecretDecryptionError(SecretDecryptionErrorCode.LegacyRejected, location, `legacy ${what} values are no longer accepted`);
    }
  }
}
