import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@sentinel/platform';
import type { CrmSyncEnv } from './crm-sync.env';

@Module({})
export class CrmSyncModule {
  static forRoot(config: CrmSyncEnv): DynamicModule {
    return {
      module: CrmSyncModule,
      imports: [ServiceCoreModule.forRoot({ service: 'crm-sync', config })],
    };
  }
}
