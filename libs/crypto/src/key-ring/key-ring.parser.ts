import { KeyRingError, KeyRingErrorCode } from '../errors/key-ring.error';
import { decodeBase64Strict } from '../encoding/base64.util';
import { DEFAULT_KEY_ID, KEY_LENGTH_BYTES, KeyRing, type EncryptionKeyInput } from './key-ring.model';

export const INTEGRATION_ENCRYPTION_KEY = 'INTEGRATION_ENCRYPTION_KEY';

const HEX_KEY = /^[0-9a-fA-F]{64}$/;

/**
 * Parses a key configuration. Two forms:
 * - single key: 32 bytes as base64 (44 chars) or 64 hex chars; its id is `default`;
 * - ring: `k2:<key>,k1:<key>` (each key base64 or hex), newest first. The newest encrypts, all decrypt.
 * Base64 never contains `:`, so a colon is what tells the forms apart.
 * Errors name `variable` and the offending entry or key id, never the key material.
 */
export function parseKeyRing(raw: string | undefined, variable: string = INTEGRATION_ENCRYPTION_KEY): KeyRing {
  const value = raw?.trim() ?? '';
  if (value === '') throw new KeyRingError(KeyRingErrorCode.Missing, variable, 'is not set');
  if (!value.includes(':')) {
    return new KeyRing([{ id: DEFAULT_KEY_ID, material: decodeKey(value, variable, 'the key') }], variable);
  }
  const entries = value.split(',').map((entry, index) => parseEntry(entry.trim(), index + 1, variable));
  return new KeyRing(entries, variable);
}

/** Reads `INTEGRATION_ENCRYPTION_KEY` from the environment (injectable for tests). */
export function loadKeyRingFromEnv(env: Record<string, string | undefined> = process.env): KeyRing {
  return parseKeyRing(env[INTEGRATION_ENCRYPTION_KEY], INTEGRATION_ENCRYPTION_KEY);
}

function parseEntry(entry: string, position: number, variable: string): EncryptionKeyInput {
  const separator = entry.indexOf(':');
  if (separator <= 0 || separator === entry.length - 1) {
    throw new KeyRingError(KeyRingErrorCode.MalformedEntry, variable, `entry ${position} is not in the form <keyId>:<key>`);
  }
  const id = entry.slice(0, separator);
  return { id, material: decodeKey(entry.slice(separator + 1), variable, `entry ${position}`) };
}

function decodeKey(text: string, variable: string, label: string): Buffer {
  if (HEX_KEY.test(text)) return Buffer.from(text, 'hex');
  const bytes = decodeBase64Strict(text);
  if (!bytes) {
    throw new KeyRingError(KeyRingErrorCode.InvalidEncoding, variable, `${label} is neither base64 nor 64 hex characters`);
  }
  if (bytes.length !== KEY_LENGTH_BYTES) {
    throw new KeyRingError(
      KeyRingErrorCode.InvalidLength,
      variable,
      `${label} must decode to ${KEY_LENGTH_BYTES} bytes (it decodes to ${bytes.length}); generate one with \`openssl rand -base64 32\``,
    );
  }
  return bytes;
}
