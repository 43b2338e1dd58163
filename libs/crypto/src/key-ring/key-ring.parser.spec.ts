import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { KeyRingError, KeyRingErrorCode } from '../errors/key-ring.error';
import { DEFAULT_KEY_ID, KeyRing } from './key-ring.model';
import { INTEGRATION_ENCRYPTION_KEY, loadKeyRingFromEnv, parseKeyRing } from './key-ring.parser';

const keyA = randomBytes(32);
const keyB = randomBytes(32);

function captureError(run: () => unknown): KeyRingError {
  try {
    run();
  } catch (error) {
    if (error instanceof KeyRingError) return error;
    throw error;
  }
  throw new Error('expected a KeyRingError');
}

describe('parseKeyRing', () => {
  it('accepts a single base64 key under the default id', () => {
    const ring = parseKeyRing(keyA.toString('base64'));
    expect(ring.keyIds).toEqual([DEFAULT_KEY_ID]);
    expect(ring.currentKeyId).toBe(DEFAULT_KEY_ID);
    expect(ring.currentKey()).toEqual(keyA);
  });

  it('accepts a single 64-character hex key (either case) and ignores surrounding whitespace', () => {
    expect(parseKeyRing(keyA.toString('hex')).currentKey()).toEqual(keyA);
    expect(parseKeyRing(` ${keyA.toString('hex').toUpperCase()}\n`).currentKey()).toEqual(keyA);
  });

  it('parses a ring newest first: the first key encrypts, every key decrypts', () => {
    const ring = parseKeyRing(`k2:${keyB.toString('base64')}, k1:${keyA.toString('hex')}`);
    expect(ring.keyIds).toEqual(['k2', 'k1']);
    expect(ring.currentKeyId).toBe('k2');
    expect(ring.currentKey()).toEqual(keyB);
    expect(ring.keyFor('k1')).toEqual(keyA);
    expect(ring.keyFor('k3')).toBeUndefined();
  });

  it('reads INTEGRATION_ENCRYPTION_KEY from an injected environment', () => {
    expect(loadKeyRingFromEnv({ [INTEGRATION_ENCRYPTION_KEY]: keyA.toString('base64') }).currentKey()).toEqual(keyA);
    expect(captureError(() => loadKeyRingFromEnv({})).variable).toBe(INTEGRATION_ENCRYPTION_KEY);
  });

  const shortKey = randomBytes(16).toString('base64');
  const longKey = randomBytes(48).toString('base64');
  it.each([
    ['unset', undefined, KeyRingErrorCode.Missing],
    ['empty', '   ', KeyRingErrorCode.Missing],
    ['a 16-byte key', shortKey, KeyRingErrorCode.InvalidLength],
    ['a 48-byte key', longKey, KeyRingErrorCode.InvalidLength],
    ['62 hex characters', keyA.toString('hex').slice(0, 62), KeyRingErrorCode.InvalidEncoding],
    ['not base64', 'this is not a key!', KeyRingErrorCode.InvalidEncoding],
    ['base64url instead of base64', keyA.toString('base64url'), KeyRingErrorCode.InvalidEncoding],
    ['a ring entry without an id', `:${keyA.toString('base64')}`, KeyRingErrorCode.MalformedEntry],
    ['a trailing comma', `k1:${keyA.toString('base64')},`, KeyRingErrorCode.MalformedEntry],
    ['a ring entry with a short key', `k2:${keyB.toString('base64')},k1:${shortKey}`, KeyRingErrorCode.InvalidLength],
    ['an invalid key id', `k 1:${keyA.toString('base64')}`, KeyRingErrorCode.InvalidKeyId],
    ['a duplicate key id', `k1:${keyA.toString('base64')},k1:${keyB.toString('base64')}`, KeyRingErrorCode.DuplicateKeyId],
  ])('rejects %s with a message naming the variable', (_label, raw, code) => {
    const error = captureError(() => parseKeyRing(raw));
    expect(error.code).toBe(code);
    expect(error.variable).toBe(INTEGRATION_ENCRYPTION_KEY);
    expect(error.message).toMatch(/^Invalid configuration: INTEGRATION_ENCRYPTION_KEY /);
  });

  it('never echoes key material in errors, even when id and key are swapped', () => {
    const material = keyA.toString('base64');
    const swapped = captureError(() => parseKeyRing(`k2:${keyB.toString('base64')},${material}:k1`));
    expect(swapped.message).not.toContain(material);
    expect(swapped.message).not.toContain(keyB.toString('base64'));
    const short = captureError(() => parseKeyRing(shortKey));
    expect(short.message).not.toContain(shortKey);
    expect(short.message).toContain('32 bytes');
  });
});

describe('KeyRing', () => {
  it('hides key material from inspection and JSON', () => {
    const ring = new KeyRing([{ id: 'k1', material: keyA }]);
    expect(JSON.stringify(ring)).toBe('{"keyIds":["k1"]}');
    expect(inspect(ring)).toBe('KeyRing { keyIds: [k1] }');
  });

  it('copies key material so later changes to the caller buffer do not affect it', () => {
    const material = Buffer.from(keyA);
    const ring = new KeyRing([{ id: 'k1', material }]);
    material.fill(0);
    expect(ring.currentKey()).toEqual(keyA);
  });

  it('refuses an empty ring', () => {
    expect(() => new KeyRing([])).toThrow(KeyRingError);
  });
});
