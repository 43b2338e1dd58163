import { createHmac } from 'node:crypto';
import { CryptoArgumentError } from '../errors/crypto-argument.error';
import { constantTimeEqual, hmacSha256 } from './hmac.util';

describe('hmacSha256', () => {
  // RFC 4231 test case 2.
  const key = 'Jefe';
  const data = 'what do ya want for nothing?';
  const expectedHex = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';

  it('matches the RFC 4231 test vector', () => {
    expect(hmacSha256(key, data, 'hex')).toBe(expectedHex);
    expect(hmacSha256(Buffer.from(key), Buffer.from(data)).toString('hex')).toBe(expectedHex);
  });

  it('encodes as requested', () => {
    const raw = createHmac('sha256', key).update(data).digest();
    expect(hmacSha256(key, data, 'base64url')).toBe(raw.toString('base64url'));
    expect(hmacSha256(key, data, 'base64')).toBe(raw.toString('base64'));
  });

  it('refuses an empty key', () => {
    expect(() => hmacSha256('', data)).toThrow(CryptoArgumentError);
    expect(() => hmacSha256(Buffer.alloc(0), data)).toThrow(CryptoArgumentError);
  });
});

describe('constantTimeEqual', () => {
  it('is true for equal strings and equal buffers', () => {
    expect(constantTimeEqual('v0=abc123', 'v0=abc123')).toBe(true);
    expect(constantTimeEqual(Buffer.from([1, 2, 3]), Buffer.from([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual('', '')).toBe(true);
  });

  it('is false for same-length values that differ in one byte', () => {
    expect(constantTimeEqual('v0=abc123', 'v0=abc124')).toBe(false);
    expect(constantTimeEqual(Buffer.from([1, 2, 3]), Buffer.from([1, 2, 4]))).toBe(false);
  });

  it('SEN-HRD-04 returns false (never throws) for unequal lengths, including a prefix and the empty string', () => {
    expect(() => constantTimeEqual('abc', 'abcd')).not.toThrow();
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('abcd', 'abc')).toBe(false);
    expect(constantTimeEqual('', 'a')).toBe(false);
    expect(constantTimeEqual(Buffer.alloc(32), Buffer.alloc(16))).toBe(false);
  });

  it('compares a string and a buffer by their UTF-8 bytes', () => {
    expect(constantTimeEqual('é', Buffer.from('é', 'utf8'))).toBe(true);
    expect(constantTimeEqual('é', Buffer.from('é', 'latin1'))).toBe(false);
  });
});
