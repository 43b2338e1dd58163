import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@sentinel/platform';
import type { RiskEnv } from './risk.env';

@Module({})
export class RiskModule {
  static forRoot(config: RiskEnv): DynamicModule {
    return {
      module: RiskModule,
      imports: [ServiceCoreModule.forRoot({ service: 'risk', config })],
    };
  }
}
