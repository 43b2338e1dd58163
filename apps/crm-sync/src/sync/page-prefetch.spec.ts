import { PagePrefetch } from './page-prefetch';
import { freshFullCursor, type SyncCursor } from './sync-cursor';

const afterTurns = () => new Promise((resolve) => setImmediate(resolve));
const cursorAt = (continuation: string): SyncCursor => ({ ...freshFullCursor(new Date('2026-12-01T00:00:00.000Z')), continuation });

describe('PagePrefetch', () => {
  it('hands out the page fetched ahead for the same request without fetching it again', async () => {
    const fetch = jest.fn(async (cursor: SyncCursor) => `page ${cursor.continuation}`);
    const prefetch = new PagePrefetch(fetch);
    prefetch.start(cursorAt('2'));
    await expect(prefetch.take(cursorAt('2'))).resolves.toBe('page 2');
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('fetches at once for another request, and a page is taken at most once', async () => {
    const fetch = jest.fn(async (cursor: SyncCursor) => `page ${cursor.continuation}`);
    const prefetch = new PagePrefetch(fetch);
    prefetch.start(cursorAt('2'));
    await expect(prefetch.take(cursorAt('3'))).resolves.toBe('page 3');
    await expect(prefetch.take(cursorAt('2'))).resolves.toBe('page 2');
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('surfaces a failed page where it is taken', async () => {
    const prefetch = new PagePrefetch<string>(async () => {
      throw new Error('provider unavailable');
    });
    prefetch.start(cursorAt('2'));
    await afterTurns();
    await expect(prefetch.take(cursorAt('2'))).rejects.toThrow('provider unavailable');
  });

  it('turns a fetch that throws at once into a failed page instead of throwing from start', async () => {
    const prefetch = new PagePrefetch<string>(() => {
      throw new Error('no client');
    });
    expect(() => prefetch.start(cursorAt('2'))).not.toThrow();
    await expect(prefetch.take(cursorAt('2'))).rejects.toThrow('no client');
  });

  it('drops a failed page that is never taken without an unhandled rejection', async () => {
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const prefetch = new PagePrefetch(async (cursor: SyncCursor) => {
        if (cursor.continuation === '2') throw new Error('provider unavailable');
        return 'replaces it';
      });
      prefetch.start(cursorAt('2'));
      prefetch.start(cursorAt('9'));
      await afterTurns();
      await afterTurns();
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
