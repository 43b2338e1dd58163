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
