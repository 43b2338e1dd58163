import type { AuditEntry, AuditRecord } from './audit-entry';
import { AuditGroupCommit, MAX_AUDIT_GROUP_ROWS, type AuditGroupWriter } from './audit-group-commit';

const entry = (id: number): AuditEntry => ({ event: 'test.appended', actor: { userId: 'u-1' }, subject: { type: 'test', id: String(id) } });

/** A writer that numbers rows like the chain does and lets the test decide when each write finishes. */
class ControlledWriter {
  readonly groups: string[][] = [];
  private readonly finishers: Array<(failure?: Error) => void> = [];
  private seq = 0;

  readonly write: AuditGroupWriter = (entries) => {
    this.groups.push(entries.map((item) => item.subject.id));
    return new Promise<AuditRecord[]>((resolve, reject) => {
      this.finishers.push((failure) => {
        if (failure) return reject(failure);
        resolve(entries.map((item) => ({ seq: ++this.seq, subjectId: item.subject.id }) as AuditRecord));
      });
    });
  };

  /** Settles the oldest unfinished write, then lets the group commit start its next one. */
  async finish(failure?: Error): Promise<void> {
    const finisher = this.finishers.shift();
    if (!finisher) throw new Error('no write in flight');
    finisher(failure);
    await flush();
  }
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('AuditGroupCommit', () => {
  it('writes the appends of one tick as one group and those arriving meanwhile as the next', async () => {
    const writer = new ControlledWriter();
    const groups = new AuditGroupCommit(writer.write);
    const first = [1, 2, 3].map((id) => groups.append(entry(id)));
    await flush();
    const second = [4, 5].map((id) => groups.append(entry(id)));
    await flush();
    expect(writer.groups).toEqual([['1', '2', '3']]);
    await writer.finish();
    expect(writer.groups).toEqual([['1', '2', '3'], ['4', '5']]);
    await writer.finish();
    expect((await Promise.all([...first, ...second])).map((record) => [record.seq, record.subjectId])).toEqual([
      [1, '1'],
      [2, '2'],
      [3, '3'],
      [4, '4'],
      [5, '5'],
    ]);
  });

  it('bounds a group at MAX_AUDIT_GROUP_ROWS, oldest appends first', async () => {
    const writer = new ControlledWriter();
    const groups = new AuditGroupCommit(writer.write);
    const total = MAX_AUDIT_GROUP_ROWS * 2 + 5;
    const appends = Array.from({ length: total }, (_, id) => groups.append(entry(id)));
    await flush();
    await writer.finish();
    await writer.finish();
    await writer.finish();
    expect(writer.groups.map((group) => group.length)).toEqual([MAX_AUDIT_GROUP_ROWS, MAX_AUDIT_GROUP_ROWS, 5]);
    expect(writer.groups.flat()).toEqual(Array.from({ length: total }, (_, id) => String(id)));
    expect((await Promise.all(appends)).map((record) => record.seq)).toEqual(Array.from({ length: total }, (_, index) => index + 1));
  });

  it('rejects every caller of a failed group with its error, and writes the next group', async () => {
    const writer = new ControlledWriter();
    const groups = new AuditGroupCommit(writer.write);
    const failed = Promise.allSettled([1, 2].map((id) => groups.append(entry(id))));
    await flush();
    const next = groups.append(entry(3));
    const failure = new Error('connection lost');
    await writer.finish(failure);
    await writer.finish();
    expect(await failed).toEqual([
      { status: 'rejected', reason: failure },
      { status: 'rejected', reason: failure },
    ]);
    await expect(next).resolves.toMatchObject({ seq: 1, subjectId: '3' });
  });

  it('starts a new group for an append made after the queue ran empty', async () => {
    const writer = new ControlledWriter();
    const groups = new AuditGroupCommit(writer.write);
    const first = groups.append(entry(1));
    await flush();
    await writer.finish();
    await expect(first).resolves.toMatchObject({ seq: 1 });
    const later = groups.append(entry(2));
    await flush();
    await writer.finish();
    await expect(later).resolves.toMatchObject({ seq: 2 });
    expect(writer.groups).toEqual([['1'], ['2']]);
  });
});
