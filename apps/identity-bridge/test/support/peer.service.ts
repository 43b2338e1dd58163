import { Controller, Get, Module } from '@nestjs/common';
import { BaseServiceEnv } from '@sentinel/config';
import { ServiceCoreModule, type ServiceDefinition } from '@sentinel/platform';
import { RequirePermission } from '@sentinel/permission';

/** A user route on a service other than identity-bridge: the decision it answers comes from the shared caches. */
@Controller('probe')
class ProbeController {
  @Get()
  @RequirePermission('crm.contacts.view')
  probe() {
    return { ok: true };
  }
}

@Module({})
class PeerModule {}

/**
 * Another Sentinel service of the same stack (same database, Redis prefix and broker), standing in
 * for risk or ingest: the same ServiceCoreModule and guards, one permission route, no consumers.
 */
export const PeerService: ServiceDefinition<BaseServiceEnv> = {
  name: 'peer',
  title: 'Sentinel peer (test)',
  description: 'A second service of the stack, for cache propagation tests.',
  envSchema: BaseServiceEnv,
  rootModule: (config) => ({
    module: PeerModule,
    imports: [ServiceCoreModule.forRoot({ service: 'peer', config })],
    controllers: [ProbeController],
  }),
};
