import type { DataSourceOptions } from 'typeorm';
import { ALL_ENTITIES } from './entities';
import { ALL_MIGRATIONS } from './migrations';

export interface DatabaseSettings {
  /** Pooled URL for the running application. */
  url: string;
  /** Direct URL for migrations; DATABASE_URL when absent. */
  directUrl?: string;
  poolSize?: number;
  /** Application name shown in pg_stat_activity. */
  applicationName?: string;
}

/** Options for the application's pooled connection. */
export function applicationDataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: ALL_ENTITIES,
    migrations: ALL_MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    applicationName: settings.applicationName,
    extra: {
      max: settings.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
      // A statement that hangs (lock, stalled network) must fail so that callers can fail closed.
      statement_timeout: 15_000,
    },
  };
}

/** Options for running migrations over the direct connection. */
export function migrationDataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    ...applicationDataSourceOptions({ ...settings, url: settings.directUrl ?? settings.url, poolSize: 1 }),
    migrationsTransactionMode: 'each',
  };
}
