import type { DynamicModule } from '@nestjs/common';
import type { ClassConstructor } from 'class-transformer';
import type { BaseServiceEnv } from '@sentinel/config';
import type { ServiceAppSettings } from './create-service-app';

/** What makes one of the four services: its name, its configuration class and its root module. */
export interface ServiceDefinition<TEnv extends BaseServiceEnv = BaseServiceEnv> extends ServiceAppSettings {
  name: string;
  envSchema: ClassConstructor<TEnv>;
  rootModule(config: TEnv): DynamicModule;
}
