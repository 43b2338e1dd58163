import { ProviderError, ProviderErrorCode } from '@sentinel/providers';
import { CrmSyncError, CrmSyncErrorCode } from './crm-sync.error';
import { decideFailure } from './sync-failure.policy';

describe('decideFailure', () => {
  it.each([
    [ProviderErrorCode.RateLimited, { kind: 'temporary', stage: 'incremental_pending' }],
    [ProviderErrorCode.Unavailable, { kind: 'temporary', stage: 'incremental_pending' }],
    [ProviderErrorCode.Network, { kind: 'temporary', stage: 'incremental_pending' }],
    [ProviderErrorCode.CircuitOpen, { kind: 'temporary', stage: 'incremental_pending' }],
    [ProviderErrorCode.AuthLost, { kind: 'auth_lost', stage: 'failed', status: 'reauth_required' }],
    [ProviderErrorCode.PermissionLost, { kind: 'auth_lost', stage: 'failed', status: 'reauth_required' }],
    [ProviderErrorCode.BadResponse, { kind: 'unknown', stage: 'failed' }],
  ])('maps %s', (code, expected) => {
    expect(decideFailure(new ProviderError(code, 'hubspot', 'x'), 'incremental')).toEqual({ ...expected, code });
  });

  it('keeps a full pass pending after a temporary failure, so it resumes from its cursor', () => {
    expect(decideFailure(new ProviderError(ProviderErrorCode.Unavailable, 'salesforce', 'x'), 'full').stage).toBe('full_pending');
  });

  it('never touches the row when the lease was lost', () => {
    expect(decideFailure(new CrmSyncError(CrmSyncErrorCode.LeaseLost, 'x'), 'full')).toEqual({ kind: 'lease_lost', code: 'sync_lease_lost' });
  });

  it('retries a failed publish and fails anything else it does not know', () => {
    expect(decideFailure(new CrmSyncError(CrmSyncErrorCode.EventPublishFailed, 'x'), 'full')).toMatchObject({ kind: 'temporary', stage: 'full_pending' });
    expect(decideFailure(new CrmSyncError(CrmSyncErrorCode.CorruptCursor, 'x'), 'full')).toMatchObject({ kind: 'unknown', stage: 'failed', code: 'sync_cursor_corrupt' });
    expect(decideFailure(new TypeError('bug'), 'full')).toMatchObject({ kind: 'unknown', stage: 'failed', code: 'unknown' });
  });
});
