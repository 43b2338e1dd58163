/**
 * The envelope of every event on the wire, shared with the identity contract:
 * `{ id, type, tenant_id, occurred_at, data }`. `id` makes redelivery harmless.
 */
export interface EventEnvelope<TData extends object = Record<string, unknown>> {
  id: string;
  type: string;
  tenant_id: string;
  /** ISO 8601 instant. */
  occurred_at: string;
  data: TData;
}

/** One event inside a bundle: its own id and time; type and tenant are the bundle's. */
export interface BundledEvent<TData extends object = Record<string, unknown>> {
  id: string;
  occurred_at: string;
  data: TData;
}

/**
 * Several events of one type in one message, `{ id, type, tenant_id, occurred_at, events }`: what a
 * producer that holds a page of items (a calendar listing, a re-check of held items) publishes, so
 * the broker and the consumer handle one message per page instead of one per item. Each event keeps
 * its own id and is validated, retried and dead-lettered on its own.
 */
export interface EventBundle<TData extends object = Record<string, unknown>> {
  id: string;
  type: string;
  tenant_id: string;
  occurred_at: string;
  events: Array<BundledEvent<TData>>;
}

/**
 * A bundle's bounds. Events per bundle bound the work one delivery brings; bytes bound what a
 * consumer's prefetch holds (its prefetch x 32 KiB of bundles waiting to be decoded). An event larger
 * than that is published in a bundle of its own.
 */
export const BUNDLE_LIMITS = { maxEvents: 100, maxBytes: 32 * 1024 };

/** A bundled event as the envelope it would have had if published alone. */
export function bundledEnvelope<TData extends object>(bundle: Pick<EventBundle, 'type' | 'tenant_id'>, event: BundledEvent<TData>): EventEnvelope<TData> {
  return { id: event.id, type: bundle.type, tenant_id: bundle.tenant_id, occurred_at: event.occurred_at, data: event.data };
}
