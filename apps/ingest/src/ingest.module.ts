import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@sentinel/platform';
import type { IngestEnv } from './ingest.env';

@Module({})
export class IngestModule {
  static forRoot(config: IngestEnv): DynamicModule {
    return {
      module: IngestModule,
      imports: [ServiceCoreModule.forRoot({ service: 'ingest', config })],
    };
  }
}
