import { PagePrefetch } from './page-prefetch';

const afterTurns = () => new Promise((resolve) => setImmediate(resolve));

describe('PagePrefetch', () => {
  it('hands out the page fetched ahead for the same request without fetching it again', async () => {
    const prefetch = new PagePrefetch<string>();
    const fetch = jest.fn(async () => 'page-2');
    prefetch.start('cursor-2', fetch);
    const fallback = jest.fn(async () => 'fetched now');
    await expect(prefetch.take('cursor-2', fallback)).resolves.toBe('page-2');
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fallback).not.toHaveBeenCalled();
  });

  it('fetches at once for another request, and a page is taken at most once', async () => {
    const prefetch = new PagePrefetch<string>();
    prefetch.start('cursor-2', async () => 'page-2');
    await expect(prefetch.take('cursor-3', async () => 'page-3')).resolves.toBe('page-3');
    await expect(prefetch.take('cursor-2', async () => 'page-2 again')).resolves.toBe('page-2 again');
  });

  it('surfaces a failed page where it is taken', async () => {
    const prefetch = new PagePrefetch<string>();
    prefetch.start('cursor-2', async () => {
      throw new Error('provider unavailable');
    });
    await afterTurns();
    await expect(prefetch.take('cursor-2', async () => 'unused')).rejects.toThrow('provider unavailable');
  });

  it('turns a fetch that throws at once into a failed page instead of throwing from start', async () => {
    const prefetch = new PagePrefetch<string>();
    expect(() =>
      prefetch.start('cursor-2', () => {
        throw new Error('no client');
      }),
    ).not.toThrow();
    await expect(prefetch.take('cursor-2', async () => 'unused')).rejects.toThrow('no client');
  });

  it('drops a failed page that is never taken without an unhandled rejection', async () => {
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const prefetch = new PagePrefetch<string>();
      prefetch.start('cursor-2', async () => {
        throw new Error('provider unavailable');
      });
      prefetch.start('cursor-9', async () => 'replaces it');
      await afterTurns();
      await afterTurns();
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
