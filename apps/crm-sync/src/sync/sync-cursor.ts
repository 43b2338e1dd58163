import { CrmSyncError, CrmSyncErrorCode } from './crm-sync.error';

/**
 * Where a sync stands, stored in `integrations.sync_cursor` only inside the transaction that
 * applied the page it describes. A run that dies resumes from the last committed page.
 *
 * - `phase`: a full listing (ends by marking unseen contacts deleted) or an incremental one.
 * - `step`: contacts first, then deals (always listed in full; see CrmClient).
 * - `continuation`: the provider's opaque next-page token within the step.
 * - `startedAt`: when this pass began; rows synced before it and unseen are deleted in full passes.
 * - `modifiedSince`: incremental lower bound (inclusive).
 */
export interface SyncCursor {
  phase: 'full' | 'incremental';
  step: 'contacts' | 'deals';
  continuation: string | null;
  startedAt: string;
  modifiedSince: string | null;
}

export function freshFullCursor(now: Date): SyncCursor {
  return { phase: 'full', step: 'contacts', continuation: null, startedAt: now.toISOString(), modifiedSince: null };
}

/** The next pass after a completed one: incremental from this pass's start, minus a clock-skew margin. */
export function nextIncrementalCursor(completed: SyncCursor, marginMs: number): SyncCursor {
  const since = new Date(Date.parse(completed.startedAt) - marginMs).toISOString();
  return { phase: 'incremental', step: 'contacts', continuation: null, startedAt: since, modifiedSince: since };
}

/** An incremental pass that has not begun yet gets its start time now. */
export function beginPass(cursor: SyncCursor, now: Date): SyncCursor {
  const untouched = cursor.step === 'contacts' && cursor.continuation === null;
  return untouched ? { ...cursor, startedAt: now.toISOString() } : cursor;
}

export function parseSyncCursor(raw: Record<string, unknown> | null): SyncCursor | null {
  if (raw === null) return null;
  const { phase, step, continuation, startedAt, modifiedSince } = raw;
  const valid =
    (phase === 'full' || phase === 'incremental') &&
    (step === 'contacts' || step === 'deals') &&
    (continuation === null || typeof continuation === 'string') &&
    isTimestamp(startedAt) &&
    (phase === 'full' ? modifiedSince === null : isTimestamp(modifiedSince));
  if (!valid) throw new CrmSyncError(CrmSyncErrorCode.CorruptCursor, 'stored sync cursor is unreadable');
  return { phase, step, continuation, startedAt, modifiedSince } as SyncCursor;
}

function isTimestamp(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}
