import { pageRequestKey, type SyncCursor } from './sync-cursor';

/**
 * Reads one provider listing page by page, with at most one page fetched ahead of the page being
 * written. A page's continuation is known as soon as the page arrives, so the next (read-only)
 * request can be on the wire while the current page's transaction runs: provider latency and
 * database latency overlap instead of adding up. Requests stay strictly one after another, so a
 * provider's rate limit sees the same pattern.
 *
 * A page is only ever used for the exact cursor it was fetched for (pageRequestKey). A page fetched
 * ahead that is never taken (the run failed or its lease was lost first) is dropped, and its failure
 * with it: only a taken page's failure is the run's failure, at the same point as without fetching ahead.
 */
export class PagePrefetch<TPage> {
  private pending?: { key: string; page: Promise<TPage> };

  constructor(private readonly fetch: (cursor: SyncCursor) => Promise<TPage>) {}

  /** Starts fetching the page `cursor` asks for, replacing any page fetched ahead before it. */
  start(cursor: SyncCursor): void {
    // Deferred by a turn so that even a fetch that throws at once is a rejected page, never a throw here.
    const page = Promise.resolve(cursor).then(this.fetch);
    page.catch(() => undefined);
    this.pending = { key: pageRequestKey(cursor), page };
  }

  /** The page `cursor` asks for: the one fetched ahead for it, or a fetch now. */
  take(cursor: SyncCursor): Promise<TPage> {
    const pending = this.pending;
    this.pending = undefined;
    return pending?.key === pageRequestKey(cursor) ? pending.page : this.fetch(cursor);
  }
}
