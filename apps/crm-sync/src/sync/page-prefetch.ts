/**
 * At most one provider page fetched ahead of the page being written. A page's continuation is
 * known as soon as the page arrives, so the next (read-only) request can be on the wire while the
 * current page's transaction runs: provider latency and database latency overlap instead of adding
 * up. Requests stay strictly one after another, so a provider's rate limit sees the same pattern.
 *
 * A page is only ever used for the exact cursor it was fetched for. A prefetched page that is never
 * taken (the run failed or its lease was lost first) is dropped, and its failure with it: only a
 * taken page's failure is the run's failure, at the same point as an unprefetched fetch.
 */
export class PagePrefetch<TPage> {
  private pending?: { key: string; page: Promise<TPage> };

  /** Starts fetching the page for `key`, replacing any page fetched ahead before it. */
  start(key: string, fetch: () => Promise<TPage>): void {
    // Deferred by a turn so that even a fetch that throws at once is a rejected page, never a throw here.
    const page = Promise.resolve().then(fetch);
    page.catch(() => undefined);
    this.pending = { key, page };
  }

  /** The page fetched ahead for `key`, or a fetch now when none was (or one for another cursor). */
  take(key: string, fetch: () => Promise<TPage>): Promise<TPage> {
    const pending = this.pending;
    this.pending = undefined;
    return pending?.key === key ? pending.page : fetch();
  }
}
