import { type EntityId, InvalidIdsException } from './invalid-ids.exception';

/**
 * Tag/label sync guard (the `distinct|exists:table,id` rule of the security model): every id in
 * `ids` must appear once and be among `existingIds`. Each bad id is reported once, in input order.
 */
export function assertDistinctExisting<Id extends EntityId>(ids: readonly Id[], existingIds: Iterable<Id>): void {
  const existing = new Set<Id>(existingIds);
  const seen = new Set<Id>();
  const duplicates = new Set<Id>();
  const unknown = new Set<Id>();
  for (const id of ids) {
    if (seen.has(id)) duplicates.add(id);
    seen.add(id);
    if (!existing.has(id)) unknown.add(id);
  }
  if (duplicates.size > 0 || unknown.size > 0) throw new InvalidIdsException([...duplicates], [...unknown]);
}
