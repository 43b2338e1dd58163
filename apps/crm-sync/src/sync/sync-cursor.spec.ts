import { CrmSyncErrorCode } from './crm-sync.error';
import { beginPass, freshFullCursor, nextIncrementalCursor, pageRequestKey, parseSyncCursor } from './sync-cursor';

const START = new Date('2026-11-22T10:00:00.000Z');

describe('sync cursor', () => {
  it('starts the next pass incrementally from the previous pass start minus the margin', () => {
    const next = nextIncrementalCursor({ ...freshFullCursor(START), step: 'deals', continuation: 'x' }, 5 * 60_000, false);
    expect(next).toMatchObject({ phase: 'incremental', step: 'contacts', continuation: null, modifiedSince: '2026-11-22T09:55:00.000Z', leadsModifiedSince: null });
  });

  it('moves the Lead stream to incremental only after a pass that listed leads', () => {
    const listed = nextIncrementalCursor({ ...freshFullCursor(START), step: 'deals' }, 5 * 60_000, true);
    expect(listed.leadsModifiedSince).toBe('2026-11-22T09:55:00.000Z');
    expect(nextIncrementalCursor(listed, 0, false).leadsModifiedSince).toBeNull();
  });

  it('reads a cursor stored before leads existed as one whose Lead stream needs a full listing', () => {
    const { leadsModifiedSince: _dropped, ...legacy } = nextIncrementalCursor(freshFullCursor(START), 0, true);
    expect(parseSyncCursor(legacy)).toMatchObject({ phase: 'incremental', leadsModifiedSince: null });
    expect(parseSyncCursor({ ...legacy, step: 'leads' })).toMatchObject({ step: 'leads' });
  });

  it('stamps a pass start only when the pass has not begun, so a resumed pass keeps its own', () => {
    const later = new Date('2026-11-22T11:00:00.000Z');
    const untouched = nextIncrementalCursor(freshFullCursor(START), 0, false);
    expect(beginPass(untouched, later).startedAt).toBe(later.toISOString());
    const midway = { ...freshFullCursor(START), continuation: 'page-3' };
    expect(beginPass(midway, later)).toBe(midway);
  });

  it('round-trips through JSON and refuses anything else', () => {
    const cursor = nextIncrementalCursor(freshFullCursor(START), 0, true);
    expect(parseSyncCursor(JSON.parse(JSON.stringify(cursor)))).toEqual(cursor);
    expect(parseSyncCursor(null)).toBeNull();
    for (const broken of [{}, { ...cursor, phase: 'partial' }, { ...cursor, startedAt: 'yesterday' }, { ...cursor, modifiedSince: null }, { ...cursor, step: 'accounts' }, { ...cursor, leadsModifiedSince: 'soon' }, { ...freshFullCursor(START), leadsModifiedSince: cursor.startedAt }]) {
      expect(() => parseSyncCursor(broken)).toThrow(expect.objectContaining({ code: CrmSyncErrorCode.CorruptCursor }));
    }
  });

  it('keys a page request by everything that shapes it, so a page fetched ahead fits one cursor only', () => {
    const page2 = { ...freshFullCursor(START), continuation: 'page-2' };
    expect(pageRequestKey({ ...page2 })).toBe(pageRequestKey(page2));
    const others = [
      { ...page2, continuation: 'page-3' },
      { ...page2, step: 'leads' as const },
      { ...page2, phase: 'incremental' as const },
      { ...page2, modifiedSince: START.toISOString() },
      { ...page2, leadsModifiedSince: START.toISOString() },
    ];
    for (const other of others) expect(pageRequestKey(other)).not.toBe(pageRequestKey(page2));
  });
});
