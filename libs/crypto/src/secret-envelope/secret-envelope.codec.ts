import { decodeBase64Strict } from '../encoding/base64.util';
import { SecretDecryptionError, SecretDecryptionErrorCode } from '../errors/secret-decryption.error';
import { DEFAULT_KEY_ID, KEY_ID_PATTERN } from '../key-ring/key-ring.model';

export const ENVELOPE_PREFIX = 'enc:';
const VERSION = 'v1';
export const IV_BYTES = 12;
export const TAG_BYTES = 16;

export type ParsedSecret =
  | { readonly kind: 'plaintext' }
  | {
      readonly kind: 'envelope';
      readonly keyed: boolean;
      readonly keyId: string;
      readonly iv: Buffer;
      readonly tag: Buffer;
      readonly ciphertext: Buffer;
    };

/** `enc:v1:<keyId>:<iv>:<tag>:<ciphertext>`, every binary part standard base64. */
export function formatEnvelope(keyId: string, iv: Buffer, tag: Buffer, ciphertext: Buffer): string {
  return [ENVELOPE_PREFIX + VERSION, keyId, iv.toString('base64'), tag.toString('base64'), ciphertext.toString('base64')].join(':');
}

/**
 * Splits a stored value into its parts without decrypting. Anything without the `enc:` prefix is
 * legacy plaintext; anything with it must be a well-formed envelope, or it is refused. Part counts
 * tell the two v1 forms apart (base64 never contains `:`).
 */
export function parseStoredSecret(value: string, location: string): ParsedSecret {
  if (!value.startsWith(ENVELOPE_PREFIX)) return { kind: 'plaintext' };
  const parts = value.split(':');
  const [, version] = parts;
  if (version === undefined || !/^v\d+$/.test(version)) throw malformed(location, 'missing version');
  if (version !== VERSION) {
    throw new SecretDecryptionError(SecretDecryptionErrorCode.UnsupportedVersion, location, 'unsupported envelope version');
  }
  if (parts.length === 5) {
    const [, , iv, tag, ciphertext] = parts;
    return decodeParts(DEFAULT_KEY_ID, false, iv, tag, ciphertext, location);
  }
  if (parts.length === 6) {
    const [, , keyId, iv, tag, ciphertext] = parts;
    if (!KEY_ID_PATTERN.test(keyId)) throw malformed(location, 'invalid key id');
    return decodeParts(keyId, true, iv, tag, ciphertext, location);
  }
  throw malformed(location, 'wrong number of parts');
}

function decodeParts(keyId: string, keyed: boolean, ivText: string, tagText: string, ciphertextText: string, location: string): ParsedSecret {
  const iv = decodeBase64Strict(ivText);
  const tag = decodeBase64Strict(tagText);
  const ciphertext = decodeBase64Strict(ciphertextText);
  if (!iv || iv.length !== IV_BYTES) throw malformed(location, `iv must be ${IV_BYTES} bytes of base64`);
  // A shorter tag would weaken authentication (GCM accepts truncated tags), so exactly 16 bytes.
  if (!tag || tag.length !== TAG_BYTES) throw malformed(location, `tag must be ${TAG_BYTES} bytes of base64`);
  if (!ciphertext) throw malformed(location, 'ciphertext is not base64');
  return { kind: 'envelope', keyed, keyId, iv, tag, ciphertext };
}

function malformed(location: string, reason: string): SecretDecryptionError {
  return new SecretDecryptionError(SecretDecryptionErrorCode.Malformed, location, reason);
}
