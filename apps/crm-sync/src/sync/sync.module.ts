import { Module } from '@nestjs/common';
import { ContactRepository, DealRepository, IntegrationRepository } from '@sentinel/persistence';
import { IntegrationSyncService } from './integration-sync.service';
import { SyncEventsPublisher } from './sync-events.publisher';
import { SyncPageWriter } from './sync-page.writer';
import { DEFAULT_SYNC_OPTIONS, SYNC_OPTIONS } from './sync.options';

/** The contact and deal sync engine. Needs the global DataSource (persistence) and EventPublisher (messaging). */
@Module({
  providers: [
    ContactRepository,
    DealRepository,
    IntegrationRepository,
    SyncPageWriter,
    SyncEventsPublisher,
    IntegrationSyncService,
    { provide: SYNC_OPTIONS, useValue: DEFAULT_SYNC_OPTIONS },
  ],
  exports: [IntegrationSyncService],
})
export class SyncModule {}
