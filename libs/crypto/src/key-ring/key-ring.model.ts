import { inspect } from 'node:util';
import { KeyRingError, KeyRingErrorCode } from '../errors/key-ring.error';

/** AES-256 needs exactly 32 bytes of key. */
export const KEY_LENGTH_BYTES = 32;

/** Key ids appear inside stored envelopes, so they must not contain the `:` separator (or `,` of the ring). */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Id given to a key configured without an id (the single-key form), and the key that legacy
 * `enc:v1:<iv>:<tag>:<ciphertext>` values, written before key ids existed, are decrypted with.
 */
export const DEFAULT_KEY_ID = 'default';

export interface EncryptionKeyInput {
  readonly id: string;
  readonly material: Buffer;
}

/**
 * The keys able to decrypt stored secrets, newest first. The first key encrypts every new write;
 * every key decrypts. Key material is held privately and hidden from `console.log`/`JSON.stringify`
 * so a ring that ends up in a log line shows only its key ids.
 */
export class KeyRing {
  readonly #keys = new Map<string, Buffer>();
  readonly #currentKey: Buffer;
  readonly currentKeyId: string;

  /** `source` names where the keys came from (an environment variable) for error messages. */
  constructor(keys: readonly EncryptionKeyInput[], source = 'key ring') {
    if (keys.length === 0) throw new KeyRingError(KeyRingErrorCode.Missing, source, 'contains no keys');
    const copies = keys.map((key, index) => {
      const position = `entry ${index + 1}`;
      // An invalid id is not echoed: a swapped "<key>:<id>" entry would put key material in the id.
      if (!KEY_ID_PATTERN.test(key.id)) {
        throw new KeyRingError(KeyRingErrorCode.InvalidKeyId, source, `${position} has an invalid key id (expected 1-32 characters of A-Z a-z 0-9 _ -)`);
      }
      if (this.#keys.has(key.id)) {
        throw new KeyRingError(KeyRingErrorCode.DuplicateKeyId, source, `lists key id "${key.id}" more than once`);
      }
      if (key.material.length !== KEY_LENGTH_BYTES) {
        throw new KeyRingError(KeyRingErrorCode.InvalidLength, source, `key "${key.id}" must be ${KEY_LENGTH_BYTES} bytes (it is ${key.material.length})`);
      }
      // Copied so a caller zeroing or reusing its buffer cannot change the ring.
      const copy = Buffer.from(key.material);
      this.#keys.set(key.id, copy);
      return copy;
    });
    this.currentKeyId = keys[0].id;
    this.#currentKey = copies[0];
  }

  /** Key ids, newest first. */
  get keyIds(): readonly string[] {
    return [...this.#keys.keys()];
  }

  /** The key new values are encrypted with. */
  currentKey(): Buffer {
    return this.#currentKey;
  }

  /** The key with this id, or undefined when it is not (or no longer) in the ring. */
  keyFor(id: string): Buffer | undefined {
    return this.#keys.get(id);
  }

  toJSON(): { keyIds: readonly string[] } {
    return { keyIds: this.keyIds };
  }

  [inspect.custom](): string {
    return `KeyRing { keyIds: [${this.keyIds.join(', ')}] }`;
  }
}
