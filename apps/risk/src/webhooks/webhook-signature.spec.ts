import { signWebhook } from './webhook-signature';

describe('signWebhook', () => {
  const secret = 'whsec_unit-test-secret';
  const body = '{"id":"evt_1","type":"message.admitted"}';

  it('signs "<t>.<raw body>" with HMAC-SHA256 in hex (vector computed with openssl dgst -hmac)', () => {
    expect(signWebhook(secret, body, 1_700_000_000)).toBe('t=1700000000,v1=05af3cfb91ae04a9c6ef99208345bb6e72d4f7d14f15abb673157f23a722b5ee');
  });

  it('changes with the body, the timestamp and the secret', () => {
    const original = signWebhook(secret, body, 1_700_000_000);
    expect(signWebhook(secret, `${body} `, 1_700_000_000)).not.toBe(original);
    expect(signWebhook(secret, body, 1_700_000_001).split(',v1=')[1]).not.toBe(original.split(',v1=')[1]);
    expect(signWebhook(`${secret}x`, body, 1_700_000_000)).not.toBe(original);
  });

  it('refuses a timestamp that is not whole unix seconds', () => {
    expect(() => signWebhook(secret, body, 1_700_000_000.5)).toThrow(RangeError);
    expect(() => signWebhook(secret, body, -1)).toThrow(RangeError);
  });
});
