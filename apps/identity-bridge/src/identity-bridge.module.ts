import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@sentinel/platform';
import type { IdentityBridgeEnv } from './identity-bridge.env';

@Module({})
export class IdentityBridgeModule {
  static forRoot(config: IdentityBridgeEnv): DynamicModule {
    return {
      module: IdentityBridgeModule,
      imports: [ServiceCoreModule.forRoot({ service: 'identity-bridge', config })],
    };
  }
}
