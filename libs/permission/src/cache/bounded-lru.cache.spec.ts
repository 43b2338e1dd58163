import { BoundedLruCache } from './bounded-lru.cache';

describe('BoundedLruCache', () => {
  let now = 1_000;
  const cache = () => new BoundedLruCache<string>(2, () => now);

  beforeEach(() => {
    now = 1_000;
  });

  it('evicts the least recently used entry beyond its capacity', () => {
    const lru = cache();
    lru.set('a', 'A', 5_000);
    lru.set('b', 'B', 5_000);
    expect(lru.get('a')).toBe('A');
    lru.set('c', 'C', 5_000);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe('A');
    expect(lru.get('c')).toBe('C');
    expect(lru.size).toBe(2);
  });

  it('never answers an entry at or past its expiry, and drops it', () => {
    const lru = cache();
    lru.set('a', 'A', 2_000);
    now = 1_999;
    expect(lru.get('a')).toBe('A');
    now = 2_000;
    expect(lru.get('a')).toBeUndefined();
    expect(lru.size).toBe(0);
  });

  it('does not store an entry that is already expired', () => {
    const lru = cache();
    lru.set('a', 'A', 1_000);
    expect(lru.size).toBe(0);
  });

  it('deletes by predicate and clears', () => {
    const lru = cache();
    lru.set('a', 'keep', 5_000);
    lru.set('b', 'drop', 5_000);
    lru.deleteWhere((value) => value === 'drop');
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe('keep');
    lru.clear();
    expect(lru.size).toBe(0);
  });
});
