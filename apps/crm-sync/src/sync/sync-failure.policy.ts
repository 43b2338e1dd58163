import type { IntegrationStatus, SyncStage } from '@sentinel/persistence';
import { classifyFailure, failureCode, type FailureKind } from '@sentinel/providers';
import { CrmCredentialsError } from '../credentials/crm-credentials.error';
import { CrmSyncError, CrmSyncErrorCode } from './crm-sync.error';

export interface FailureDecision {
  kind: FailureKind | 'lease_lost';
  code: string;
  /** Integration state to record; absent when the run must not touch the row (lease lost). */
  stage?: SyncStage;
  status?: IntegrationStatus;
}

/**
 * The one place that decides what a failed run means (twenty's exception handler): temporary ->
 * back to pending, resume from the cursor next time; auth lost -> the user must reconnect;
 * unknown -> failed until someone looks; lease lost -> another run owns the integration.
 */
export function decideFailure(error: unknown, phase: 'full' | 'incremental'): FailureDecision {
  if (error instanceof CrmSyncError) {
    if (error.code === CrmSyncErrorCode.LeaseLost) return { kind: 'lease_lost', code: error.code };
    if (error.code === CrmSyncErrorCode.EventPublishFailed) return { kind: 'temporary', code: error.code, stage: `${phase}_pending` };
    return { kind: 'unknown', code: error.code, stage: 'failed' };
  }
  // Our own configuration or storage: nothing a retry fixes.
  if (error instanceof CrmCredentialsError) return { kind: 'unknown', code: error.code, stage: 'failed' };
  const kind = classifyFailure(error);
  const code = failureCode(error);
  if (kind === 'temporary') return { kind, code, stage: `${phase}_pending` };
  if (kind === 'auth_lost') return { kind, code, stage: 'failed', status: 'reauth_required' };
  return { kind, code, stage: 'failed' };
}
