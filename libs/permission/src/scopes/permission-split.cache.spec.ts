import { PermissionSplitCache } from './permission-split.cache';

describe('PermissionSplitCache', () => {
  it('splits valid names and returns the same array on a repeat', () => {
    const cache = new PermissionSplitCache(4);
    const first = cache.segmentsOf('tenant.acme.crm.tasks.view');
    expect(first).toEqual(['tenant', 'acme', 'crm', 'tasks', 'view']);
    expect(cache.segmentsOf('tenant.acme.crm.tasks.view')).toBe(first);
  });

  it.each(['', 'a..b', '.a', 'a.', 'a.*', 'a.B', 'a b', 'a/b'])(
    'gives null for the malformed name %j',
    (name) => {
      expect(new PermissionSplitCache(4).segmentsOf(name)).toBeNull();
    },
  );

  it('never holds more than its capacity: when full it starts over', () => {
    const cache = new PermissionSplitCache(2);
    const a = cache.segmentsOf('a.a');
    cache.segmentsOf('b.b');
    expect(cache.size).toBe(2);
    expect(cache.segmentsOf('c.c')).toEqual(['c', 'c']);
    expect(cache.size).toBe(1);
    expect(cache.segmentsOf('a.a')).not.toBe(a);
    expect(cache.segmentsOf('a.a')).toEqual(['a', 'a']);
  });

  it('does not keep over-long strings', () => {
    const cache = new PermissionSplitCache(4, 8);
    expect(cache.segmentsOf('abcd.efgh.ijkl')).toEqual(['abcd', 'efgh', 'ijkl']);
    expect(cache.size).toBe(0);
  });

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => new PermissionSplitCache(0)).toThrow(RangeError);
    expect(() => new PermissionSplitCache(1.5)).toThrow(RangeError);
  });
});
