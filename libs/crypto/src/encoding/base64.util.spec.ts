import { decodeBase64Strict, decodeBase64UrlStrict } from './base64.util';

describe('decodeBase64Strict', () => {
  it('decodes canonical padded base64', () => {
    expect(decodeBase64Strict('aGVsbG8=')?.toString()).toBe('hello');
    expect(decodeBase64Strict('')?.length).toBe(0);
  });

  it.each([
    ['missing padding', 'aGVsbG8'],
    ['non-alphabet character', 'aGV*bG8='],
    ['base64url alphabet', 'a-_sbG8='],
    ['non-canonical trailing bits', 'aGVsbG9='],
    ['embedded whitespace', 'aGVs bG8='],
  ])('rejects %s', (_label, text) => {
    expect(decodeBase64Strict(text)).toBeUndefined();
  });
});

describe('decodeBase64UrlStrict', () => {
  it('decodes canonical unpadded base64url', () => {
    expect(decodeBase64UrlStrict(Buffer.from([0xfb, 0xff]).toString('base64url'))).toEqual(Buffer.from([0xfb, 0xff]));
  });

  it.each([
    ['padding', 'aGVsbG8='],
    ['standard alphabet', '+/8'],
    ['non-canonical trailing bits', 'aGVsbG9'],
  ])('rejects %s', (_label, text) => {
    expect(decodeBase64UrlStrict(text)).toBeUndefined();
  });
});
