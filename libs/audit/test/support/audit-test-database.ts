import { applicationDataSourceOptions } from '@sentinel/persistence';
import { createTestDatabase, type TestDatabase } from '@sentinel/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ActivityLogRepository, AuditTrail } from '../../src';

export interface AuditTestDatabase {
  database: TestDatabase;
  dataSource: DataSource;
  trail: AuditTrail;
  /** A superuser session: reads what is committed, bypasses the application when a test needs to. */
  admin: Client;
}

/** Another pool on the test's database (a second process's, say). Pool of 8: concurrent appends really run on separate connections. */
export function openDataSource(database: TestDatabase): Promise<DataSource> {
  return new DataSource(applicationDataSourceOptions({ url: database.url, poolSize: 8 })).initialize();
}

/**
 * A migrated database of its own for each test, an AuditTrail over it and a superuser session, all
 * removed after the test. The returned object is refilled before each test.
 */
export function useAuditTestDatabase(): AuditTestDatabase {
  const current = {} as AuditTestDatabase;
  beforeEach(async () => {
    current.database = await createTestDatabase();
    current.dataSource = await openDataSource(current.database);
    current.trail = new AuditTrail(current.dataSource, new ActivityLogRepository(current.dataSource));
    current.admin = new Client({ connectionString: current.database.url });
    await current.admin.connect();
  });
  afterEach(async () => {
    await current.admin?.end();
    await current.dataSource?.destroy();
    await current.database?.drop();
  });
  return current;
}
