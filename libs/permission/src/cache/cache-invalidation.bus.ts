import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { REDIS_CLIENT } from '@sentinel/cache';
import type Redis from 'ioredis';
import { type CacheInvalidation, parseCacheInvalidation } from './cache-invalidation.message';

type Listener = (message: CacheInvalidation | 'resync') => void;

/**
 * Redis pub/sub between replicas of one stack. The channel carries the stack's key prefix (pub/sub
 * channels are not prefixed by the client), so two tenants on one Redis never hear each other.
 * After a reconnect listeners get 'resync': messages may have been missed meanwhile.
 */
@Injectable()
export class CacheInvalidationBus implements OnModuleInit, OnApplicationShutdown {
  private subscriber?: Redis;
  private readonly listeners: Listener[] = [];
  private readonly channel: string;

  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {
    this.channel = `${redis.options.keyPrefix ?? ''}auth-cache.invalidate`;
  }

  onModuleInit(): void {
    const subscriber = this.redis.duplicate();
    subscriber.on('error', () => undefined);
    let connectedBefore = false;
    subscriber.on('ready', () => {
      if (connectedBefore) this.emit('resync');
      connectedBefore = true;
      subscriber.subscribe(this.channel).catch(() => undefined);
    });
    subscriber.on('message', (channel: string, raw: string) => {
      const message = channel === this.channel ? parseCacheInvalidation(raw) : undefined;
      if (message) this.emit(message);
    });
    this.subscriber = subscriber;
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
  }

  listen(listener: Listener): void {
    this.listeners.push(listener);
  }

  async publish(message: CacheInvalidation): Promise<void> {
    await this.redis.publish(this.channel, JSON.stringify(message));
  }

  private emit(message: CacheInvalidation | 'resync'): void {
    for (const listener of this.listeners) listener(message);
  }
}
