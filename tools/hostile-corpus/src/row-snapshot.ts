import { Client } from 'pg';

export type RowCounts = Record<string, number>;

/** Row counts of every table of the stack's database (migrations bookkeeping included). */
export async function snapshotRowCounts(databaseUrl: string): Promise<RowCounts> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows: tables } = await db.query<{ name: string }>(
      `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
    );
    const counts: RowCounts = {};
    for (const { name } of tables) {
      const { rows } = await db.query<{ count: string }>(`SELECT count(*) AS count FROM ${name}`);
      counts[name] = Number(rows[0].count);
    }
    return counts;
  } finally {
    await db.end();
  }
}

/** Tables whose count changed, as `table: before -> after`. */
export function rowCountChanges(before: RowCounts, after: RowCounts): string[] {
  const tables = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return tables.filter((table) => before[table] !== after[table]).map((table) => `${table}: ${before[table] ?? 'absent'} -> ${after[table] ?? 'absent'}`);
}
