export * from './http-metrics.interceptor';
export * from './log-destination';
export * from './logger.options';
export * from './metrics.registry';
export * from './observability.module';
export * from './request-id';
