import type { ServiceDefinition } from '@sentinel/platform';
import { CrmSyncEnv } from './crm-sync.env';
import { CrmSyncModule } from './crm-sync.module';

export const CrmSyncService: ServiceDefinition<CrmSyncEnv> = {
  name: 'crm-sync',
  title: 'Sentinel crm-sync',
  description: 'Read-only HubSpot and Salesforce connections and the Contact book they fill.',
  envSchema: CrmSyncEnv,
  rootModule: (config) => CrmSyncModule.forRoot(config),
};
