import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@sentinel/platform';
import type { CrmSyncEnv } from './crm-sync.env';
import { SyncModule } from './sync/sync.module';

@Module({})
export class CrmSyncModule {
  static forRoot(config: CrmSyncEnv): DynamicModule {
    return {
      module: CrmSyncModule,
      imports: [ServiceCoreModule.forRoot({ service: 'crm-sync', config }), SyncModule.forRoot(config)],
    };
  }
}
