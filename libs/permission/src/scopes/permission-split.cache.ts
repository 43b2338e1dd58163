import { isConcretePermissionName } from '../names/permission-name.rules';

/**
 * Bounded memo of "permission string -> its segments, or null when it is not a valid concrete
 * name". Required permissions come from a finite route catalogue, so the same strings recur on
 * every request; caching the validated split keeps a check free of regex work and allocation.
 * When full, the cache starts over: O(1) with no recency bookkeeping, and the working set (one
 * tenant's route catalogue) sits far below the capacity, so a running service never reaches it.
 */
export class PermissionSplitCache {
  private readonly entries = new Map<string, readonly string[] | null>();

  constructor(
    private readonly capacity: number,
    /** Longer strings are split but not kept, so the cache's memory stays bounded. */
    private readonly maxCachedLength = 256,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`PermissionSplitCache capacity must be a positive integer, got ${capacity}`);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  segmentsOf(permission: string): readonly string[] | null {
    const cached = this.entries.get(permission);
    if (cached !== undefined) return cached;
    const segments = isConcretePermissionName(permission) ? permission.split('.') : null;
    if (permission.length <= this.maxCachedLength) {
      if (this.entries.size >= this.capacity) this.entries.clear();
      this.entries.set(permission, segments);
    }
    return segments;
  }
}
