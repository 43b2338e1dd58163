import { ActivityLogRepository, AuditTrail } from '@sentinel/audit';
import { applicationDataSourceOptions } from '@sentinel/persistence';
import { createTestDatabase, type TestDatabase } from '@sentinel/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CHAIN_BROKEN_EXIT_CODE, runAuditVerify } from '../src/audit-verify.command';

describe('audit-verify command', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    const dataSource = await new DataSource(applicationDataSourceOptions({ url: database.url, poolSize: 1 })).initialize();
    const trail = new AuditTrail(dataSource, new ActivityLogRepository(dataSource));
    for (const id of ['a', 'b', 'c']) {
      await trail.record({ event: 'integration.connected', actor: { userId: 'u-1' }, subject: { type: 'integration', id } });
    }
    await dataSource.destroy();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('reports an intact chain with its head, exit 0', async () => {
    const lines: string[] = [];
    expect(await runAuditVerify(database.url, (line) => lines.push(line))).toBe(0);
    expect(lines).toEqual([expect.stringMatching(/^activity_log chain intact: 3 row\(s\), head seq 3 hash [0-9a-f]{64}$/)]);
  });

  it('names the first broken row, exit 2', async () => {
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    try {
      await admin.query('BEGIN');
      await admin.query('SET LOCAL session_replication_role = replica');
      await admin.query(`UPDATE activity_log SET subject_id = 'z' WHERE seq = 2`);
      await admin.query('COMMIT');
    } finally {
      await admin.end();
    }
    const lines: string[] = [];
    expect(await runAuditVerify(database.url, (line) => lines.push(line))).toBe(CHAIN_BROKEN_EXIT_CODE);
    expect(lines).toEqual(['activity_log chain BROKEN at seq 2: content_edited (1 row(s) before it verified)']);
  });
});
