export * from './cache.module';
export * from './redis.client';
