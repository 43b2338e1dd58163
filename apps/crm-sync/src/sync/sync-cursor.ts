import { CrmSyncError, CrmSyncErrorCode } from './crm-sync.error';

/**
 * Where a sync stands, stored in `integrations.sync_cursor` only inside the transaction that
 * applied the page it describes. A run that dies resumes from the last committed page.
 *
 * - `phase`: a full listing (ends by marking unseen contacts deleted) or an incremental one.
 * - `step`: contacts first, then Salesforce leads (when SALESFORCE_SYNC_LEADS is on), then deals
 *   (always listed in full; see CrmClient).
 * - `continuation`: the provider's opaque next-page token within the step.
 * - `startedAt`: when this pass began; rows synced before it and unseen are deleted in full passes.
 * - `modifiedSince`: incremental lower bound (inclusive).
 * - `leadsModifiedSince`: the Lead stream's own bound; null while it needs a full listing (always in
 *   a full pass, and in the first pass after leads were switched on or were skipped). Absent in
 *   cursors stored before leads existed, read as null.
 */
export interface SyncCursor {
  phase: 'full' | 'incremental';
  step: 'contacts' | 'leads' | 'deals';
  continuation: string | null;
  startedAt: string;
  modifiedSince: string | null;
  leadsModifiedSince: string | null;
}

/** Identifies the provider request a cursor stands for: a page fetched ahead is used only for it. */
export function pageRequestKey(cursor: SyncCursor): string {
  return JSON.stringify([cursor.phase, cursor.step, cursor.continuation, cursor.modifiedSince, cursor.leadsModifiedSince]);
}

export function freshFullCursor(now: Date): SyncCursor {
  return { phase: 'full', step: 'contacts', continuation: null, startedAt: now.toISOString(), modifiedSince: null, leadsModifiedSince: null };
}

/**
 * The next pass after a completed one: incremental from this pass's start, minus a clock-skew
 * margin. The Lead stream goes incremental only if this pass listed leads; otherwise it starts
 * with a full listing whenever leads are read again.
 */
export function nextIncrementalCursor(completed: SyncCursor, marginMs: number, leadsListed: boolean): SyncCursor {
  const since = new Date(Date.parse(completed.startedAt) - marginMs).toISOString();
  return { phase: 'incremental', step: 'contacts', continuation: null, startedAt: since, modifiedSince: since, leadsModifiedSince: leadsListed ? since : null };
}

/** An incremental pass that has not begun yet gets its start time now. */
export function beginPass(cursor: SyncCursor, now: Date): SyncCursor {
  const untouched = cursor.step === 'contacts' && cursor.continuation === null;
  return untouched ? { ...cursor, startedAt: now.toISOString() } : cursor;
}

export function parseSyncCursor(raw: Record<string, unknown> | null): SyncCursor | null {
  if (raw === null) return null;
  const { phase, step, continuation, startedAt, modifiedSince } = raw;
  const leadsModifiedSince = raw.leadsModifiedSince ?? null;
  const valid =
    (phase === 'full' || phase === 'incremental') &&
    (step === 'contacts' || step === 'leads' || step === 'deals') &&
    (continuation === null || typeof continuation === 'string') &&
    isTimestamp(startedAt) &&
    (phase === 'full' ? modifiedSince === null : isTimestamp(modifiedSince)) &&
    (phase === 'full' ? leadsModifiedSince === null : leadsModifiedSince === null || isTimestamp(leadsModifiedSince));
  if (!valid) throw new CrmSyncError(CrmSyncErrorCode.CorruptCursor, 'stored sync cursor is unreadable');
  return { phase, step, continuation, startedAt, modifiedSince, leadsModifiedSince } as SyncCursor;
}

function isTimestamp(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}
