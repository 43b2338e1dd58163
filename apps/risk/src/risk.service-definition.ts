import type { ServiceDefinition } from '@sentinel/platform';
import { RiskEnv } from './risk.env';
import { RiskModule } from './risk.module';

export const RiskService: ServiceDefinition<RiskEnv> = {
  name: 'risk',
  title: 'Sentinel risk',
  description: 'Deals, timelines and explained risk computed on read.',
  envSchema: RiskEnv,
  rootModule: (config) => RiskModule.forRoot(config),
};
