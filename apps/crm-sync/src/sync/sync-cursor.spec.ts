import { CrmSyncErrorCode } from './crm-sync.error';
import { beginPass, freshFullCursor, nextIncrementalCursor, parseSyncCursor } from './sync-cursor';

const START = new Date('2026-11-22T10:00:00.000Z');

describe('sync cursor', () => {
  it('starts the next pass incrementally from the previous pass start minus the margin', () => {
    const next = nextIncrementalCursor({ ...freshFullCursor(START), step: 'deals', continuation: 'x' }, 5 * 60_000);
    expect(next).toMatchObject({ phase: 'incremental', step: 'contacts', continuation: null, modifiedSince: '2026-11-22T09:55:00.000Z' });
  });

  it('stamps a pass start only when the pass has not begun, so a resumed pass keeps its own', () => {
    const later = new Date('2026-11-22T11:00:00.000Z');
    const untouched = nextIncrementalCursor(freshFullCursor(START), 0);
    expect(beginPass(untouched, later).startedAt).toBe(later.toISOString());
    const midway = { ...freshFullCursor(START), continuation: 'page-3' };
    expect(beginPass(midway, later)).toBe(midway);
  });

  it('round-trips through JSON and refuses anything else', () => {
    const cursor = nextIncrementalCursor(freshFullCursor(START), 0);
    expect(parseSyncCursor(JSON.parse(JSON.stringify(cursor)))).toEqual(cursor);
    expect(parseSyncCursor(null)).toBeNull();
    for (const broken of [{}, { ...cursor, phase: 'partial' }, { ...cursor, startedAt: 'yesterday' }, { ...cursor, modifiedSince: null }]) {
      expect(() => parseSyncCursor(broken)).toThrow(expect.objectContaining({ code: CrmSyncErrorCode.CorruptCursor }));
    }
  });
});
