import { Injectable, Logger } from '@nestjs/common';
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
  ) {}

  async list(userId: string): Promise<{ data: IntegrationView[] }> {
    return { data: (await this.integrations.listOwned(userId)).map(toIntegrationView) };
  }

  /**
   * Erases the tokens, marks the integration disconnected and retires its contacts and deals
   * (marked deleted, lookup addresses removed): a disconnected CRM admits nothing. Idempotent, so a
   * retry finishes a disconnect whose second step failed.
   */
  async disconnect(userId: string, id: string): Promise<void> {
    await this.owned(userId, id);
    await this.integrations.disconnect(id);
    await this.integrations.retireBook(id);
    this.logger.log({ msg: 'integration disconnected', integrationId: id });
  }

  async syncNow(userId: string, id: string): Promise<SyncAccepted> {
    const integration = await this.owned(userId, id);
    if (integration.status !== 'connected') {
      throw new CrmSyncHttpError(CrmSyncHttpErrorCode.IntegrationNotConnected, 'the integration is not connected; connect it again');
    }
    if (integration.syncing || !this.syncs.start(id)) throw new CrmSyncHttpError(CrmSyncHttpErrorCode.SyncAlreadyRunning, 'a sync of this integration is running');
    return { id, status: 'sync_started' };
  }

  private async owned(userId: string, id: string): Promise<IntegrationRecord> {
    const integration = await this.integrations.findOwned(userId, id);
    if (!integration) throw new CrmSyncHttpError(CrmSyncHttpErrorCode.IntegrationNotFound, 'integration not found');
    return integration;
  }
}
