import type { AuditEntry, AuditRecord } from './audit-entry';

/**
 * Most rows one group writes: bounds the INSERT (ten parameters a row) and how long one
 * transaction holds the append lock that every other writer of the database waits on.
 */
export const MAX_AUDIT_GROUP_ROWS = 100;

/** Writes a group in one transaction and returns its rows in the group's order. */
export type AuditGroupWriter = (entries: readonly AuditEntry[]) => Promise<AuditRecord[]>;

interface PendingAppend {
  entry: AuditEntry;
  resolve: (record: AuditRecord) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for appends that are not part of a caller's transaction. Appends wait while a group
 * is being written, then the next group takes them (up to MAX_AUDIT_GROUP_ROWS, oldest first):
 * one transaction, so one append lock, one head read, one INSERT and one commit flush for all of
 * them instead of each. A caller's promise settles only after that commit: with its own row, or
 * with the transaction's error, which every caller of the group then gets.
 */
export class AuditGroupCommit {
  private readonly waiting: PendingAppend[] = [];
  private writing = false;

  constructor(private readonly writeGroup: AuditGroupWriter) {}

  append(entry: AuditEntry): Promise<AuditRecord> {
    return new Promise<AuditRecord>((resolve, reject) => {
      this.waiting.push({ entry, resolve, reject });
      if (this.writing) return;
      this.writing = true;
      // Deferred by a microtask, so appends made in the same tick (a Promise.all) share the first group.
      queueMicrotask(() => void this.writeWaiting());
    });
  }

  private async writeWaiting(): Promise<void> {
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0, MAX_AUDIT_GROUP_ROWS);
      try {
        const records = await this.writeGroup(group.map((pending) => pending.entry));
        group.forEach((pending, index) => pending.resolve(records[index]));
      } catch (error) {
        for (const pending of group) pending.reject(error);
      }
    }
    this.writing = false;
  }
}
