import { createCipheriv, randomBytes } from 'node:crypto';
import { CryptoArgumentError, CryptoArgumentErrorCode } from '../errors/crypto-argument.error';
import { SecretDecryptionError, SecretDecryptionErrorCode } from '../errors/secret-decryption.error';
import { KeyRing } from '../key-ring/key-ring.model';
import { parseKeyRing } from '../key-ring/key-ring.parser';
import type { AadContext } from './aad-context.serializer';
import { SecretEnvelopeCipher } from './secret-envelope.cipher';

const key = randomBytes(32);
const ring = new KeyRing([{ id: 'k1', material: key }]);
const cipher = new SecretEnvelopeCipher(ring);
const here: AadContext = { table: 'integrations', column: 'access_token', rowId: '5b0c6f7e-2a43-4c2e-9a55-0d7f1c1e2b3a' };
const token = 'xoxb-1234-5678-secret-token';

/** Writes the documented pre-key-id format independently of the code under test: no key id, no AAD. */
function legacyEnvelope(plaintext: string, material: Buffer): string {
  const iv = randomBytes(12);
  const legacy = createCipheriv('aes-256-gcm', material, iv);
  const ciphertext = Buffer.concat([legacy.update(plaintext, 'utf8'), legacy.final()]);
  return ['enc', 'v1', iv.toString('base64'), legacy.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
}

/** Flips one bit of the base64 part at `index` (0-based among the `:`-separated parts). */
function flipBit(envelope: string, index: number): string {
  const parts = envelope.split(':');
  const bytes = Buffer.from(parts[index]!, 'base64');
  bytes[0] = bytes[0]! ^ 0x01;
  parts[index] = bytes.toString('base64');
  return parts.join(':');
}

function decryptError(run: () => unknown): SecretDecryptionError {
  try {
    run();
  } catch (error) {
    if (error instanceof SecretDecryptionError) return error;
    throw error;
  }
  throw new Error('expected a SecretDecryptionError');
}

describe('SecretEnvelopeCipher', () => {
  describe('round trip', () => {
    it('encrypts to enc:v1:<keyId>:<iv>:<tag>:<ciphertext> and decrypts back', () => {
      const envelope = cipher.encrypt(token, here);
      expect(envelope).toMatch(/^enc:v1:k1:[A-Za-z0-9+/]{16}:[A-Za-z0-9+/]{22}==:[A-Za-z0-9+/=]+$/);
      expect(envelope).not.toContain(token);
      expect(cipher.decrypt(envelope, here)).toEqual({ plaintext: token, format: 'enc-v1', keyId: 'k1', legacy: false });
    });

    it('uses a fresh IV each time, so equal secrets give different envelopes', () => {
      const first = cipher.encrypt(token, here);
      const second = cipher.encrypt(token, here);
      expect(first).not.toBe(second);
      expect(first.split(':')[3]).not.toBe(second.split(':')[3]);
    });

    it('round-trips unicode and the empty string', () => {
      for (const secret of ['pässwörd-🔑', '']) {
        expect(cipher.decrypt(cipher.encrypt(secret, here), here).plaintext).toBe(secret);
      }
    });

    it('refuses to encrypt a value that is already an envelope', () => {
      const envelope = cipher.encrypt(token, here);
      expect(() => cipher.encrypt(envelope, here)).toThrow(expect.objectContaining({ code: CryptoArgumentErrorCode.AlreadyEncrypted }));
    });
  });

  describe('tampering', () => {
    const envelope = cipher.encrypt(token, here);

    it.each([
      ['iv', 3],
      ['tag', 4],
      ['ciphertext', 5],
    ])('fails when one bit of the %s is flipped', (_part, index) => {
      const error = decryptError(() => cipher.decrypt(flipBit(envelope, index), here));
      expect(error.code).toBe(SecretDecryptionErrorCode.AuthenticationFailed);
      expect(error.message).not.toContain(token);
    });

    it('fails when the key id is changed to another key in the ring', () => {
      const twoKeys = new SecretEnvelopeCipher(new KeyRing([{ id: 'k1', material: key }, { id: 'k0', material: randomBytes(32) }]));
      const moved = envelope.replace(':k1:', ':k0:');
      expect(decryptError(() => twoKeys.decrypt(moved, here)).code).toBe(SecretDecryptionErrorCode.AuthenticationFailed);
    });

    it('fails when the key id is relabelled but the key is the same (the header is authenticated)', () => {
      const sameKeyTwice = new SecretEnvelopeCipher(new KeyRing([{ id: 'k1', material: key }, { id: 'k9', material: key }]));
      const relabelled = envelope.replace(':k1:', ':k9:');
      expect(decryptError(() => sameKeyTwice.decrypt(relabelled, here)).code).toBe(SecretDecryptionErrorCode.AuthenticationFailed);
    });

    it('fails with unknown_key when the key id names no key', () => {
      const error = decryptError(() => cipher.decrypt(envelope.replace(':k1:', ':k7:'), here));
      expect(error.code).toBe(SecretDecryptionErrorCode.UnknownKey);
      expect(error.keyId).toBe('k7');
    });

    it('fails when the ciphertext is truncated or extended', () => {
      const parts = envelope.split(':');
      const truncated = [...parts.slice(0, 5), Buffer.from(parts[5]!, 'base64').subarray(1).toString('base64')].join(':');
      const extended = [...parts.slice(0, 5), Buffer.concat([Buffer.from(parts[5]!, 'base64'), Buffer.from([0])]).toString('base64')].join(':');
      expect(decryptError(() => cipher.decrypt(truncated, here)).code).toBe(SecretDecryptionErrorCode.AuthenticationFailed);
      expect(decryptError(() => cipher.decrypt(extended, here)).code).toBe(SecretDecryptionErrorCode.AuthenticationFailed);
    });

    it.each([
      ['too few parts', 'enc:v1:k1:abc'],
      ['too many parts', `${envelope}:extra`],
      ['a truncated tag (GCM would accept it)', envelope.replace(/:[^:]+==:/, `:${randomBytes(12).toString('base64')}:`)],
      ['a short iv', envelope.replace(/^enc:v1:k1:[^:]+:/, `enc:v1:k1:${randomBytes(8).toString('base64')}:`)],
      ['non-base64 ciphertext', `${envelope.slice(0, envelope.lastIndexOf(':'))}:not*base64`],
      ['an invalid key id', envelope.replace(':k1:', ':k 1:')],
      ['a bare prefix', 'enc:'],
    ])('rejects %s as malformed', (_label, value) => {
      expect(decryptError(() => cipher.decrypt(value, here)).code).toBe(SecretDecryptionErrorCode.Malformed);
    });

    it('rejects an unknown version', () => {
      const v2 = envelope.replace('enc:v1:', 'enc:v2:');
      expect(decryptError(() => cipher.decrypt(v2, here)).code).toBe(SecretDecryptionErrorCode.UnsupportedVersion);
    });
  });

  describe('location binding (AAD)', () => {
    const envelope = cipher.encrypt(token, here);

    it.each([
      ['another row', { ...here, rowId: 'a1d3b9a0-0000-4000-8000-000000000000' }],
      ['another column', { ...here, column: 'refresh_token' }],
      ['another table', { ...here, table: 'webhooks' }],
    ])('SEN-ING-09 fails when the value is read from %s', (_label, elsewhere) => {
      const error = decryptError(() => cipher.decrypt(envelope, elsewhere));
      expect(error.code).toBe(SecretDecryptionErrorCode.AuthenticationFailed);
    });

    it('does not confuse fields whose concatenation is equal', () => {
      const sealed = cipher.encrypt(token, { table: 'integrations', column: 'access_token', rowId: '1' });
      const shifted: AadContext = { table: 'integrations', column: 'access_toke', rowId: 'n1' };
      expect(decryptError(() => cipher.decrypt(sealed, shifted)).code).toBe(SecretDecryptionErrorCode.AuthenticationFailed);
    });

    it('refuses an incomplete context on encrypt and decrypt', () => {
      const noRow = { ...here, rowId: '' };
      expect(() => cipher.encrypt(token, noRow)).toThrow(CryptoArgumentError);
      expect(() => cipher.decrypt(envelope, noRow)).toThrow(CryptoArgumentError);
    });
  });

  describe('legacy values', () => {
    it('returns plaintext without the enc: prefix, flagged legacy', () => {
      expect(cipher.decrypt('ya29.legacy-google-token', here)).toEqual({
        plaintext: 'ya29.legacy-google-token',
        format: 'plaintext',
        keyId: null,
        legacy: true,
      });
    });

    it('decrypts the documented 4-part enc:v1:<iv>:<tag>:<ciphertext> with the default key', () => {
      const defaultRing = parseKeyRing(key.toString('base64'));
      const value = legacyEnvelope(token, key);
      expect(new SecretEnvelopeCipher(defaultRing).decrypt(value, here)).toEqual({
        plaintext: token,
        format: 'enc-v1-unkeyed',
        keyId: 'default',
        legacy: true,
      });
    });

    it('fails on a 4-part envelope when the ring has no default key', () => {
      const error = decryptError(() => cipher.decrypt(legacyEnvelope(token, key), here));
      expect(error.code).toBe(SecretDecryptionErrorCode.UnknownKey);
      expect(error.keyId).toBe('default');
    });

    it('fails on a tampered 4-part envelope', () => {
      const defaultCipher = new SecretEnvelopeCipher(parseKeyRing(key.toString('hex')));
      const tampered = flipBit(legacyEnvelope(token, key), 4);
      expect(decryptError(() => defaultCipher.decrypt(tampered, here)).code).toBe(SecretDecryptionErrorCode.AuthenticationFailed);
    });

    it('refuses both legacy forms once legacy reads are switched off, but still reads current values', () => {
      const strict = new SecretEnvelopeCipher(parseKeyRing(key.toString('base64')), { acceptLegacy: false });
      expect(decryptError(() => strict.decrypt('plain-token', here)).code).toBe(SecretDecryptionErrorCode.LegacyRejected);
      expect(decryptError(() => strict.decrypt(legacyEnvelope(token, key), here)).code).toBe(SecretDecryptionErrorCode.LegacyRejected);
      expect(strict.decrypt(strict.encrypt(token, here), here).plaintext).toBe(token);
    });
  });
});
