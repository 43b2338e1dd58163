import { DataSource } from 'typeorm';
import { CliError, ExitCode } from './cli-exit';

/** One TypeORM connection for one command (for the audit trail's transactions); unreachable is exit 3. */
export async function withDataSource<T>(url: string, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = new DataSource({ type: 'postgres', url, connectTimeoutMS: 3_000 });
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new CliError(`PostgreSQL is unavailable (${error instanceof Error ? error.message : String(error)})`, ExitCode.DependencyUnavailable);
  }
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
