import { DataSource } from 'typeorm';
import { migrationDataSourceOptions, type DatabaseSettings } from './data-source.options';

/** Applies every pending migration and returns the names of those applied. */
export async function runMigrations(settings: DatabaseSettings): Promise<string[]> {
  const dataSource = new DataSource(migrationDataSourceOptions({ ...settings, applicationName: 'sentinel-migrate' }));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
