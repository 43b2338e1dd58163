import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail, SYSTEM_ACTORS } from '@sentinel/audit';
import { PERMISSION_OPTIONS, POLICIES_TAG, PolicyCacheService, tenantTag, type PermissionModuleOptions } from '@sentinel/permission';
import { IdentityBridgeMetrics } from '../metrics/identity-bridge.metrics';
import type { PolicyFlushDto, PolicyFlushResult } from './policy-flush.dto';

/** Flushes on request of identity or an operator, without the broker; each flush is audited. */
@Injectable()
export class PolicyFlushService {
  constructor(
    private readonly policyCache: PolicyCacheService,
    private readonly audit: AuditTrail,
    private readonly metrics: IdentityBridgeMetrics,
    @Inject(PERMISSION_OPTIONS) private readonly options: PermissionModuleOptions,
  ) {}

  async flush({ user_id: userId }: PolicyFlushDto): Promise<PolicyFlushResult> {
    const tenantId = this.options.tenantId;
    if (userId === undefined) await this.policyCache.flushTags(tenantTag(tenantId), POLICIES_TAG);
    else await this.policyCache.purgeUser(userId);
    const flushed = userId === undefined ? 'tenant' : 'user';
    await this.audit.record({
      event: 'policies.flushed',
      actor: { userId: SYSTEM_ACTORS.systemToken },
      subject: userId === undefined ? { type: 'tenant', id: tenantId } : { type: 'user', id: userId },
      properties: { via: 'system_route' },
    });
    this.metrics.policyFlushes.inc({ scope: flushed });
    return { flushed };
  }
}
