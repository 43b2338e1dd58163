import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { HttpMetricsInterceptor } from './http-metrics.interceptor';
import { loggerParams } from './logger.options';
import { createMetricsRegistry, METRICS_REGISTRY } from './metrics.registry';

export interface ObservabilitySettings {
  service: string;
  tenantId: string;
  logLevel: string;
}

/** JSON logs with request ids, a per-service Prometheus registry and HTTP metrics (libs/platform serves `/metrics`). */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(settings: ObservabilitySettings): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [LoggerModule.forRoot(loggerParams(settings.service, settings.logLevel))],
      providers: [
        { provide: METRICS_REGISTRY, useFactory: () => createMetricsRegistry(settings.service, settings.tenantId) },
        { provide: APP_INTERCEPTOR, useClass: HttpMetricsInterceptor },
      ],
      exports: [METRICS_REGISTRY, LoggerModule],
    };
  }
}
