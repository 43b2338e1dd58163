import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { createRedisClient, REDIS_CLIENT, type RedisSettings } from './redis.client';

@Global()
@Module({})
export class CacheModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  static forRoot(settings: RedisSettings): DynamicModule {
    return {
      module: CacheModule,
      providers: [{ provide: REDIS_CLIENT, useFactory: () => createRedisClient(settings) }],
      exports: [REDIS_CLIENT],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }
}
