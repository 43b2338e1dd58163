export * from './http-metrics';
export * from './http-metrics.middleware';
export * from './log-destination';
export * from './logger.options';
export * from './metrics.registry';
export * from './observability.module';
export * from './request-id';
