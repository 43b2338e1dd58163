/** Above this many acked tags at the front, the list is compacted. */
const COMPACT_AFTER = 4_096;

/**
 * The delivery tags of one channel that are not acked yet, in the order the broker sent them (it
 * numbers a channel's deliveries 1, 2, 3, ...). It tells when a set of deliveries can be acked
 * with ONE `multiple` ack up to the highest of them: only when no lower tag is still outstanding,
 * because such an ack also acks every lower tag (one left unacked on purpose, to be redelivered,
 * must never be swept up by it).
 */
export class OutstandingDeliveries {
  private readonly tags: number[] = [];
  private head = 0;
  /** Acked tags that sit behind a lower outstanding one. */
  private readonly ackedOutOfOrder = new Set<number>();

  received(tag: number): void {
    this.tags.push(tag);
  }

  /**
   * Records `tags` as acked from now on. Returns whether a single `multiple` ack up to the highest
   * of them covers exactly these deliveries (every lower tag is acked already).
   */
  ack(tags: readonly number[]): boolean {
    let highest = 0;
    for (const tag of tags) {
      this.ackedOutOfOrder.add(tag);
      if (tag > highest) highest = tag;
    }
    while (this.head < this.tags.length && this.ackedOutOfOrder.delete(this.tags[this.head] as number)) this.head += 1;
    if (this.head >= COMPACT_AFTER) {
      this.tags.splice(0, this.head);
      this.head = 0;
    }
    const lowestOutstanding = this.tags[this.head];
    return lowestOutstanding === undefined || lowestOutstanding > highest;
  }
}
