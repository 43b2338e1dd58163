export * from './create-service-app';
export * from './health.controller';
export * from './health.module';
export * from './rabbitmq.health';
export * from './redis.health';
export * from './service-core.module';
export * from './run-service';
export * from './service-definition';
