import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CacheModule } from '@sentinel/cache';
import type { BaseServiceEnv } from '@sentinel/config';
import { HttpErrorFilter } from '@sentinel/hardening';
import { MessagingModule, type ConsumerQueueSpec } from '@sentinel/messaging';
import { ObservabilityModule } from '@sentinel/observability';
import { PermissionModule, permissionOptionsFromEnv } from '@sentinel/permission';
import { PersistenceModule } from '@sentinel/persistence';
import { HealthModule } from './health.module';
import { MetricsController } from './metrics.controller';
import { TRUST_PROXY_HOPS, TrustProxySetting } from './trust-proxy.setting';

export interface ServiceCoreSettings {
  /** Service name, used in logs, metrics and connection names. */
  service: string;
  config: BaseServiceEnv;
  consumers?: ConsumerQueueSpec[];
}

/**
 * Everything a Sentinel service stands on: logs, metrics, health, PostgreSQL, Redis, RabbitMQ and
 * the global auth guards (token -> tenant -> permission) that every route must declare itself to.
 */
@Module({})
export class ServiceCoreModule {
  static forRoot({ service, config, consumers }: ServiceCoreSettings): DynamicModule {
    return {
      module: ServiceCoreModule,
      imports: [
        ObservabilityModule.forRoot({ service, tenantId: config.TENANT_ID, logLevel: config.LOG_LEVEL }),
        PersistenceModule.forRoot({
          url: config.DATABASE_URL,
          directUrl: config.DATABASE_DIRECT_URL,
          poolSize: config.DATABASE_POOL_SIZE,
          applicationName: `sentinel-${service}`,
        }),
        CacheModule.forRoot({ url: config.REDIS_URL, keyPrefix: redisKeyPrefix(config) }),
        MessagingModule.forRoot({
          url: config.RABBITMQ_URL,
          tenantId: config.TENANT_ID,
          eventsExchange: config.EVENTS_EXCHANGE,
          prefetch: config.RABBITMQ_PREFETCH,
          service,
          consumers,
          shutdownGraceMs: config.SHUTDOWN_GRACE_MS,
        }),
        PermissionModule.forRoot(permissionOptionsFromEnv(config)),
        HealthModule,
      ],
      controllers: [MetricsController],
      // Registered here, ahead of the permission module's filter in Nest's global filter list, so
      // the class-specific auth filter (headers, outcome metrics) still wins over this catch-all.
      providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }, { provide: TRUST_PROXY_HOPS, useValue: config.TRUST_PROXY_HOPS }, TrustProxySetting],
    };
  }
}

export function redisKeyPrefix(config: Pick<BaseServiceEnv, 'REDIS_KEY_PREFIX' | 'TENANT_ID'>): string {
  return config.REDIS_KEY_PREFIX ?? `sentinel:${config.TENANT_ID}:`;
}
