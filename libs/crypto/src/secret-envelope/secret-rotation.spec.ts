import { createCipheriv, randomBytes } from 'node:crypto';
import { SecretDecryptionError, SecretDecryptionErrorCode } from '../errors/secret-decryption.error';
import { parseKeyRing } from '../key-ring/key-ring.parser';
import type { AadContext } from './aad-context.serializer';
import { SecretEnvelopeCipher } from './secret-envelope.cipher';

// Rotation as an operator runs it: deploy a ring with the new key first and the old key kept, run
// the re-encryption over every row, then drop the old key.
const k1 = randomBytes(32).toString('base64');
const k2 = randomBytes(32).toString('base64');
const here: AadContext = { table: 'integrations', column: 'refresh_token', rowId: 'row-42' };
const secret = '1//0refresh-token';

const before = new SecretEnvelopeCipher(parseKeyRing(`k1:${k1}`));
const during = new SecretEnvelopeCipher(parseKeyRing(`k2:${k2},k1:${k1}`));
const after = new SecretEnvelopeCipher(parseKeyRing(`k2:${k2}`));

describe('key rotation', () => {
  const underK1 = before.encrypt(secret, here);

  it('decrypts old values with a ring that lists the old key after the new one', () => {
    expect(during.decrypt(underK1, here)).toMatchObject({ plaintext: secret, keyId: 'k1', legacy: false });
  });

  it('encrypts new values under the newest key', () => {
    expect(during.encrypt(secret, here).startsWith('enc:v1:k2:')).toBe(true);
  });

  it('reencrypt moves a k1 value to k2, and the result survives removing k1', () => {
    const result = during.reencrypt(underK1, here);
    expect(result).toMatchObject({ changed: true, previousFormat: 'enc-v1', previousKeyId: 'k1' });
    expect(result.value.startsWith('enc:v1:k2:')).toBe(true);
    expect(after.decrypt(result.value, here)).toMatchObject({ plaintext: secret, keyId: 'k2' });
  });

  it('reencrypt keeps the new value bound to the same location', () => {
    const { value } = during.reencrypt(underK1, here);
    expect(() => after.decrypt(value, { ...here, rowId: 'row-43' })).toThrow(SecretDecryptionError);
  });

  it('reencrypt leaves a value already under the newest key untouched (no write needed)', () => {
    const current = during.encrypt(secret, here);
    expect(during.reencrypt(current, here)).toEqual({ value: current, changed: false, previousFormat: 'enc-v1', previousKeyId: 'k2' });
  });

  it('reencrypt upgrades legacy plaintext and unkeyed envelopes to keyed, location-bound values', () => {
    const legacyRing = new SecretEnvelopeCipher(parseKeyRing(`k2:${k2},default:${k1}`));
    const iv = randomBytes(12);
    const old = createCipheriv('aes-256-gcm', Buffer.from(k1, 'base64'), iv);
    const ciphertext = Buffer.concat([old.update(secret, 'utf8'), old.final()]);
    const unkeyed = `enc:v1:${iv.toString('base64')}:${old.getAuthTag().toString('base64')}:${ciphertext.toString('base64')}`;

    for (const [value, previousFormat, previousKeyId] of [
      [secret, 'plaintext', null],
      [unkeyed, 'enc-v1-unkeyed', 'default'],
    ] as const) {
      const result = legacyRing.reencrypt(value, here);
      expect(result).toMatchObject({ changed: true, previousFormat, previousKeyId });
      expect(after.decrypt(result.value, here)).toEqual({ plaintext: secret, format: 'enc-v1', keyId: 'k2', legacy: false });
    }
  });

  it('fails loudly when the ring no longer holds the key a value was written with', () => {
    let error: unknown;
    try {
      after.decrypt(underK1, here);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SecretDecryptionError);
    expect((error as SecretDecryptionError).code).toBe(SecretDecryptionErrorCode.UnknownKey);
    expect((error as SecretDecryptionError).message).toContain('"k1"');
    expect(() => after.reencrypt(underK1, here)).toThrow(SecretDecryptionError);
  });

  it('reencrypt refuses a tampered value instead of laundering it into a valid envelope', () => {
    const parts = underK1.split(':');
    const tag = Buffer.from(parts[4]!, 'base64');
    tag[0] = tag[0]! ^ 0xff;
    parts[4] = tag.toString('base64');
    expect(() => during.reencrypt(parts.join(':'), here)).toThrow(
      expect.objectContaining({ code: SecretDecryptionErrorCode.AuthenticationFailed }),
    );
  });
});
