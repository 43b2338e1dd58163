import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { applicationDataSourceOptions, type DatabaseSettings } from './data-source.options';

@Module({})
export class PersistenceModule {
  static forRoot(settings: DatabaseSettings): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRoot({
          ...applicationDataSourceOptions(settings),
          // Boot waits a bounded time for the database instead of crash-looping at once.
          retryAttempts: 5,
          retryDelay: 2_000,
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
