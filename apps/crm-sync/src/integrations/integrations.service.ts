import { Injectable, Logger } from '@nestjs/common';
import { AuditTrail, auditActor } from '@sentinel/audit';
import type { AuthenticatedPrincipal } from '@sentinel/permission';
import { CrmSyncHttpError, CrmSyncHttpErrorCode } from '../errors/crm-sync-http.error';
import { SyncTriggerService } from '../sync/sync-trigger.service';
import { IntegrationAdminRepository, type IntegrationRecord } from './integration-admin.repository';
import { toIntegrationView, type IntegrationView } from './integration.view';

export interface SyncAccepted {
  id: string;
  status: 'sync_started';
}

/** The caller's own CRM integrations: list, disconnect, sync now. Anyone else's is a 404. */
@Injectable()
export class IntegrationsService {
  private readonly logger = new Logger(IntegrationsService.name);

  constructor(
    private readonly integrations: IntegrationAdminRepository,
    private readonly syncs: SyncTriggerService,
    private readonly audit: AuditTrail,
  ) {}

  async list(userId: string): Promise<{ data: IntegrationView[] }> {
    return { data: (await this.integrations.listOwned(userId)).map(toIntegrationView) };
  }

  /**
   * Erases the tokens, marks the integration disconnected and retires its contacts and deals
   * (marked deleted, lookup addresses removed): a disconnected CRM admits nothing. Idempotent, so a
   * retry finishes a disconnect whose second step failed.
   */
  async disconnect(principal: AuthenticatedPrincipal, id: string): Promise<void> {
    const integration = await this.owned(principal.userId, id);
    await this.integrations.disconnect(id);
    await this.integrations.retireBook(id);
    this.logger.log({ msg: 'integration disconnected', integrationId: id });
    await this.audit.record({ event: 'integration.disconnected', actor: auditActor(principal), subject: { type: 'integration', id }, properties: { provider: integration.provider } });
  }

  async syncNow(principal: AuthenticatedPrincipal, id: string): Promise<SyncAccepted> {
    const integration = await this.owned(principal.userId, id);
    if (integration.status !== 'connected') {
      throw new CrmSyncHttpError(CrmSyncHttpErrorCode.IntegrationNotConnected, 'the integration is not connected; connect it again');
    }
    if (integration.syncing || !this.syncs.start(id)) throw new CrmSyncHttpError(CrmSyncHttpErrorCode.SyncAlreadyRunning, 'a sync of this integration is running');
    await this.audit.record({ event: 'integration.sync_requested', actor: auditActor(principal), subject: { type: 'integration', id }, properties: { provider: integration.provider } });
    return { id, status: 'sync_started' };
  }

  private async owned(userId: string, id: string): Promise<IntegrationRecord> {
    const integration = await this.integrations.findOwned(userId, id);
    if (!integration) throw new CrmSyncHttpError(CrmSyncHttpErrorCode.IntegrationNotFound, 'integration not found');
    return integration;
  }
}
