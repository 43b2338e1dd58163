import { createTestDatabase, type TestDatabase } from '@sentinel/testing';
import { DataSource } from 'typeorm';
import { applicationDataSourceOptions } from '../src/data-source.options';

describe('migrations and entities', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(applicationDataSourceOptions({ url: database.url, poolSize: 1 })).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('agree: the migrated schema needs no change to match the entities', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });
});
