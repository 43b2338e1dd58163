import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { REDIS_CLIENT } from '@sentinel/cache';
import type { CrmProvider } from '@sentinel/persistence';
import { ProviderError, ProviderErrorCode } from '@sentinel/providers';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

export const TOKEN_REFRESH_LOCK_OPTIONS = Symbol('TOKEN_REFRESH_LOCK_OPTIONS');

export interface TokenRefreshLockOptions {
  /** Lock lifetime: longer than a refresh (retries included) takes, so a live holder keeps it. */
  ttlMs: number;
  /** How often a waiter tries the lock again. */
  pollMs: number;
  /** How long a waiter waits for the lock before the call fails as temporary. */
  waitMs: number;
}

export const DEFAULT_TOKEN_REFRESH_LOCK_OPTIONS: TokenRefreshLockOptions = { ttlMs: 30_000, pollMs: 25, waitMs: 45_000 };

/** Deletes the key only while it still holds our token: a lock that expired and was taken by another caller is left alone. */
const RELEASE_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

/**
 * Serializes the token refresh of one integration across callers and replicas. Redis first
 * (`SET key <random token> PX ttl NX`, released by a compare-and-delete script); when Redis cannot
 * be reached, a PostgreSQL row lock (`SELECT ... FOR UPDATE` on the integration) in a transaction
 * whose manager is handed to the critical section, so its writes commit with the lock.
 * Waiters do not refresh: once they hold the lock they re-read the row and find the new token.
 */
@Injectable()
export class TokenRefreshLock {
  private readonly logger = new Logger(TokenRefreshLock.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() @Inject(REDIS_CLIENT) private readonly redis: Redis | null,
    @Optional() @Inject(TOKEN_REFRESH_LOCK_OPTIONS) private readonly options: TokenRefreshLockOptions = DEFAULT_TOKEN_REFRESH_LOCK_OPTIONS,
  ) {}

  async run<T>(integrationId: string, provider: CrmProvider, critical: (manager: EntityManager) => Promise<T>): Promise<T> {
    const options = this.options ?? DEFAULT_TOKEN_REFRESH_LOCK_OPTIONS;
    const key = `crm-sync:token-refresh:${integrationId}`;
    const token = randomUUID();
    const deadline = Date.now() + options.waitMs;
    for (;;) {
      let acquired: boolean;
      try {
        if (!this.redis) throw new Error('no Redis client');
        acquired = (await this.redis.set(key, token, 'PX', options.ttlMs, 'NX')) === 'OK';
      } catch {
        this.logger.warn({ msg: 'token refresh lock: Redis unreachable, using the PostgreSQL row lock', integrationId });
        return this.withRowLock(integrationId, critical);
      }
      if (acquired) break;
      if (Date.now() >= deadline) throw new ProviderError(ProviderErrorCode.Unavailable, provider, 'token refresh lock not acquired in time');
      await delay(options.pollMs);
    }
    try {
      return await critical(this.dataSource.manager);
    } finally {
      await this.release(key, token);
    }
  }

  private withRowLock<T>(integrationId: string, critical: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT id FROM integrations WHERE id = $1 FOR UPDATE`, [integrationId]);
      return critical(manager);
    });
  }

  private async release(key: string, token: string): Promise<void> {
    try {
      await this.redis?.eval(RELEASE_SCRIPT, 1, key, token);
    } catch {
      // Unreleased, the lock expires after its TTL; waiters then proceed.
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
