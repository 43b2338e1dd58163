/** Above this many acked tags at the front, the list is compacted. */
const COMPACT_AFTER = 4_096;

/** How to ack a set of deliveries: one `multiple` ack up to `upTo` covers some, the rest one by one. */
export interface AckPlan {
  upTo?: number;
  single: number[];
}

/**
 * The delivery tags of one channel that are not acked yet, in the order the broker sent them (it
 * numbers a channel's deliveries 1, 2, 3, ...). It tells which of a set of settled deliveries can
 * be acked with ONE `multiple` ack: those below the lowest tag still outstanding, because such an
 * ack also acks every lower tag (one left unacked on purpose, to be redelivered, or one still being
 * handled must never be swept up by it). The others are acked one by one.
 */
export class OutstandingDeliveries {
  private readonly tags: number[] = [];
  private head = 0;
  /** Acked tags that sit behind a lower outstanding one. */
  private readonly ackedOutOfOrder = new Set<number>();

  received(tag: number): void {
    this.tags.push(tag);
  }

  /** Records `tags` as acked from now on and plans their acks. */
  ack(tags: readonly number[]): AckPlan {
    for (const tag of tags) this.ackedOutOfOrder.add(tag);
    while (this.head < this.tags.length && this.ackedOutOfOrder.delete(this.tags[this.head] as number)) this.head += 1;
    if (this.head >= COMPACT_AFTER) {
      this.tags.splice(0, this.head);
      this.head = 0;
    }
    const lowestOutstanding = this.tags[this.head] ?? Number.POSITIVE_INFINITY;
    const plan: AckPlan = { single: [] };
    for (const tag of tags) {
      if (tag > lowestOutstanding) plan.single.push(tag);
      else if (plan.upTo === undefined || tag > plan.upTo) plan.upTo = tag;
    }
    return plan;
  }
}
