import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AuditModule } from '@sentinel/audit';
import { ContactRepository, DealRepository, IntegrationRepository } from '@sentinel/persistence';
import { CircuitBreakerRegistry, DEFAULT_RETRY_OPTIONS, ProviderCallExecutor } from '@sentinel/providers';
import { CRM_CLIENT_FACTORY, ProviderCrmClientFactory } from '../credentials/crm-client.factory';
import { CrmCredentialsService } from '../credentials/crm-credentials.service';
import { CRM_CREDENTIALS_SETTINGS, credentialsSettingsFrom } from '../credentials/crm-credentials.settings';
import { IntegrationTokenVault } from '../credentials/integration-token.vault';
import { TokenRefreshLock } from '../credentials/token-refresh.lock';
import type { CrmSyncEnv } from '../crm-sync.env';
import { CrmSyncMetrics } from './crm-sync.metrics';
import { IntegrationSyncService } from './integration-sync.service';
import { SyncEventsPublisher } from './sync-events.publisher';
import { SyncPageWriter } from './sync-page.writer';
import { SyncSchedulerService } from './sync-scheduler.service';
import { SyncTriggerService } from './sync-trigger.service';
import { DEFAULT_SYNC_OPTIONS, SYNC_OPTIONS, SYNC_SCHEDULE } from './sync.options';

/**
 * The contact and deal sync engine with its credentials and provider clients. Needs the global
 * DataSource (persistence) and EventPublisher (messaging).
 */
@Module({})
export class SyncModule implements OnApplicationShutdown {
  constructor(@Inject(CircuitBreakerRegistry) private readonly breakers: CircuitBreakerRegistry) {}

  static forRoot(config: CrmSyncEnv): DynamicModule {
    return {
      module: SyncModule,
      imports: [AuditModule],
      providers: [
        { provide: CRM_CREDENTIALS_SETTINGS, useFactory: () => credentialsSettingsFrom(config) },
        // One breaker per provider for the whole process.
        { provide: CircuitBreakerRegistry, useFactory: () => new CircuitBreakerRegistry() },
        CrmSyncMetrics,
        {
          provide: ProviderCallExecutor,
          useFactory: (breakers: CircuitBreakerRegistry, metrics: CrmSyncMetrics) =>
            new ProviderCallExecutor(breakers, DEFAULT_RETRY_OPTIONS, undefined, (provider, outcome) => metrics.providerCall(provider, outcome)),
          inject: [CircuitBreakerRegistry, CrmSyncMetrics],
        },
        IntegrationTokenVault,
        TokenRefreshLock,
        CrmCredentialsService,
        { provide: CRM_CLIENT_FACTORY, useClass: ProviderCrmClientFactory },
        ContactRepository,
        DealRepository,
        IntegrationRepository,
        SyncPageWriter,
        SyncEventsPublisher,
        IntegrationSyncService,
        { provide: SYNC_OPTIONS, useValue: { ...DEFAULT_SYNC_OPTIONS, salesforceLeads: config.SALESFORCE_SYNC_LEADS } },
        { provide: SYNC_SCHEDULE, useValue: { intervalSeconds: config.CRM_SYNC_INTERVAL_SECONDS, batchSize: 50 } },
        SyncSchedulerService,
        SyncTriggerService,
      ],
      exports: [CrmSyncMetrics, IntegrationSyncService, SyncTriggerService, IntegrationTokenVault, ProviderCallExecutor, CRM_CREDENTIALS_SETTINGS],
    };
  }

  onApplicationShutdown(): void {
    this.breakers.shutdown();
  }
}
