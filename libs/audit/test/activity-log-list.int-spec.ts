import { applicationDataSourceOptions } from '@sentinel/persistence';
import { createTestDatabase, type TestDatabase } from '@sentinel/testing';
import { DataSource } from 'typeorm';
import { ActivityLogRepository, AuditTrail, type ActivityLogFilter } from '../src';

describe('activity log listing on PostgreSQL', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let log: ActivityLogRepository;

  const list = (filter: Partial<ActivityLogFilter>) => log.list({ direction: 'DESC', offset: 0, limit: 20, ...filter });

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(applicationDataSourceOptions({ url: database.url, poolSize: 4 })).initialize();
    log = new ActivityLogRepository(dataSource);
    const trail = new AuditTrail(dataSource, log);
    for (let index = 0; index < 25; index++) {
      await trail.record({
        event: index % 5 === 0 ? 'integration.connected' : 'audit.viewed',
        actor: { userId: `user-${index % 2}` },
        subject: { type: 'integration', id: `int-${index % 3}` },
      });
    }
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('pages newest or oldest first with the total of every row', async () => {
    const newest = await list({ limit: 10 });
    expect(newest.total).toBe(25);
    expect(newest.rows.map((row) => row.seq)).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16]);
    const oldest = await list({ direction: 'ASC', offset: 20, limit: 10 });
    expect(oldest).toMatchObject({ total: 25 });
    expect(oldest.rows.map((row) => row.seq)).toEqual([21, 22, 23, 24, 25]);
  });

  it('counts exactly what a filter matches', async () => {
    const counted = async (filter: Partial<ActivityLogFilter>) => {
      const { rows, total } = await list({ ...filter, limit: 100 });
      expect(total).toBe(rows.length);
      return total;
    };
    expect(await counted({ event: 'integration.connected' })).toBe(5);
    expect(await counted({ actorUserId: 'user-1' })).toBe(12);
    expect(await counted({ subjectType: 'integration', subjectId: 'int-2', event: 'audit.viewed' })).toBe(6);
    expect(await counted({ from: new Date(Date.now() + 60_000) })).toBe(0);
    expect(await counted({ to: new Date(Date.now() + 60_000) })).toBe(25);
  });

  it('keeps the total on a page past the end', async () => {
    expect(await list({ offset: 40 })).toEqual({ rows: [], total: 25 });
    expect(await list({ event: 'audit.viewed', offset: 40 })).toEqual({ rows: [], total: 20 });
    expect(await list({ event: 'no.such.event' })).toEqual({ rows: [], total: 0 });
  });
});
