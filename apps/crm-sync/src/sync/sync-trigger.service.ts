import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { IntegrationSyncService } from './integration-sync.service';

/**
 * Starts a sync in the background for an HTTP request (first sync after connect, manual trigger):
 * the request answers at once, the run's outcome lands on the integration row. Runs still going
 * at shutdown are awaited, like the scheduler's.
 */
@Injectable()
export class SyncTriggerService implements OnApplicationShutdown {
  private readonly logger = new Logger(SyncTriggerService.name);
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly sync: IntegrationSyncService) {}

  /** False when this process already runs the integration (another replica is caught by the lease). */
  start(integrationId: string): boolean {
    if (this.running.has(integrationId)) return false;
    const run = this.sync
      .sync(integrationId)
      .then(() => undefined)
      .catch(() => {
        // Already recorded on the integration (stage failed, last_error_code) and logged by the sync.
        this.logger.error({ msg: 'triggered sync failed', integrationId });
      })
      .finally(() => this.running.delete(integrationId));
    this.running.set(integrationId, run);
    return true;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.running.values());
  }
}
