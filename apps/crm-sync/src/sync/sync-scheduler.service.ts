import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { IntegrationRepository } from '@sentinel/persistence';
import { IntegrationSyncService } from './integration-sync.service';
import { SYNC_SCHEDULE, type SyncSchedule } from './sync.options';

/**
 * The cron of the pipeline (cron -> job -> service): every interval it finds the integrations due
 * and syncs them one by one. Replicas may all tick: the per-integration lease lets one run win,
 * and a temporary failure is simply picked up again on a later tick.
 */
@Injectable()
export class SyncSchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SyncSchedulerService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly integrations: IntegrationRepository,
    private readonly sync: IntegrationSyncService,
    @Inject(SYNC_SCHEDULE) private readonly schedule: SyncSchedule,
  ) {}

  onApplicationBootstrap(): void {
    if (this.schedule.intervalSeconds <= 0) return;
    this.timer = setInterval(() => void this.tick(), this.schedule.intervalSeconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass over the due integrations; overlapping ticks are skipped, not stacked. */
  async tick(): Promise<number> {
    if (this.running) return 0;
    let started = 0;
    this.running = (async () => {
      const due = await this.integrations.findDueForSync(this.schedule.intervalSeconds, this.schedule.batchSize);
      for (const integrationId of due) {
        started += 1;
        try {
          await this.sync.sync(integrationId);
        } catch {
          // Already recorded on the integration (stage failed, last_error_code) and logged by the sync.
          this.logger.error({ msg: 'scheduled sync failed', integrationId });
        }
      }
    })();
    try {
      await this.running;
    } catch {
      this.logger.error({ msg: 'scheduler tick failed' });
    } finally {
      this.running = undefined;
    }
    return started;
  }
}
