import { DynamicModule, Global, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { HttpMetrics } from './http-metrics';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
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
export class ObservabilityModule implements NestModule {
  static forRoot(settings: ObservabilitySettings): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [LoggerModule.forRoot(loggerParams(settings.service, settings.logLevel))],
      providers: [{ provide: METRICS_REGISTRY, useFactory: () => createMetricsRegistry(settings.service, settings.tenantId) }, HttpMetrics],
      exports: [METRICS_REGISTRY, HttpMetrics, LoggerModule],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes({ path: '*', method: RequestMethod.ALL });
  }
}
