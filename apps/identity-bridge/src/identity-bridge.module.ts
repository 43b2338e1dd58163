import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@sentinel/audit';
import { ServiceCoreModule } from '@sentinel/platform';
import { AuditController } from './audit/audit.controller';
import { AuditQueryService } from './audit/audit-query.service';
import type { IdentityBridgeEnv } from './identity-bridge.env';
import { IdentityEventApplier } from './identity-events/identity-event.applier';
import { IDENTITY_EVENTS_CONSUMER, identityEventsPattern } from './identity-events/identity-event.schemas';
import { IdentityEventsConsumer } from './identity-events/identity-events.consumer';
import { IdentityBridgeMetrics } from './metrics/identity-bridge.metrics';
import { ProcessedEventRepository } from './repositories/processed-event.repository';
import { PolicyFlushController } from './system/policy-flush.controller';
import { PolicyFlushService } from './system/policy-flush.service';

@Module({})
export class IdentityBridgeModule {
  static forRoot(config: IdentityBridgeEnv): DynamicModule {
    return {
      module: IdentityBridgeModule,
      imports: [
        ServiceCoreModule.forRoot({
          service: 'identity-bridge',
          config,
          consumers: [
            {
              name: IDENTITY_EVENTS_CONSUMER,
              // The only binding: another tenant's events never reach this queue.
              extraBindings: [{ exchange: config.IDENTITY_EXCHANGE, pattern: identityEventsPattern(config.TENANT_ID) }],
            },
          ],
        }),
        AuditModule,
      ],
      controllers: [PolicyFlushController, AuditController],
      providers: [
        IdentityBridgeMetrics,
        ProcessedEventRepository,
        IdentityEventApplier,
        IdentityEventsConsumer,
        PolicyFlushService,
        AuditQueryService,
      ],
    };
  }
}
