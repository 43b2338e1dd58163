import { parseCacheInvalidation } from './cache-invalidation.message';

describe('parseCacheInvalidation', () => {
  it('reads tag flushes and user purges', () => {
    expect(parseCacheInvalidation('{"kind":"tags","tags":["crm.policies","tenant:acme"]}')).toEqual({
      kind: 'tags',
      tags: ['crm.policies', 'tenant:acme'],
    });
    expect(parseCacheInvalidation('{"kind":"user","userId":"u-1"}')).toEqual({ kind: 'user', userId: 'u-1' });
  });

  it.each(['not json', '{"kind":"tags","tags":[1]}', '{"kind":"user"}', '{"kind":"other"}', 'null', '[]'])(
    'ignores %p',
    (raw) => {
      expect(parseCacheInvalidation(raw)).toBeUndefined();
    },
  );
});
