import { quoteIdentifier, waitFor, type TestDatabase } from '@sentinel/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ActivityLogRepository, AuditEntryUnstorableError, AuditTrail, verifyAuditChain, type AuditEntry, type AuditRecord } from '../src';
import { openDataSource, useAuditTestDatabase } from './support/audit-test-database';

/** The key ActivityLogRepository.lockAppends takes. */
const APPEND_LOCK_KEY = '7204531001';

describe('audit trail group commit on PostgreSQL', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let trail: AuditTrail;
  /** A superuser session: reads what is committed, installs faults, holds the append lock. */
  let admin: Client;

  const entry = (id: string, event = 'test.appended'): AuditEntry => ({
    event,
    actor: { userId: 'user-1' },
    subject: { type: 'test', id },
    properties: { attempt: id },
  });

  const newDataSource = () => openDataSource(database);

  const storedRows = async () =>
    (await admin.query<{ seq: string; subject_id: string; hash: string; occurred_at: Date }>(`SELECT seq, subject_id, hash, occurred_at FROM activity_log ORDER BY seq`)).rows;

  const fixture = useAuditTestDatabase();
  beforeEach(() => ({ database, dataSource, trail, admin } = fixture));

  it('gives each of 200 concurrent callers its own committed row of one contiguous chain', async () => {
    const ids = Array.from({ length: 200 }, (_, index) => `s-${index}`);
    const records = await Promise.all(ids.map((id) => trail.record(entry(id))));

    expect(records.map((record) => record.subjectId)).toEqual(ids);
    expect(new Set(records.map((record) => record.seq)).size).toBe(200);
    const stored = await storedRows();
    expect(stored.map((row) => Number(row.seq))).toEqual(Array.from({ length: 200 }, (_, index) => index + 1));
    for (const record of records) {
      expect(stored[record.seq - 1]).toMatchObject({ subject_id: record.subjectId, hash: record.hash });
    }
    expect(await verifyAuditChain(dataSource)).toMatchObject({ ok: true, rows: 200, headSeq: 200 });
  });

  it('answers no caller before its row is committed', async () => {
    await admin.query(`SELECT pg_advisory_lock(${APPEND_LOCK_KEY})`);
    let settled = 0;
    const appends = Promise.all(['a', 'b', 'c'].map((id) => trail.record(entry(id)).finally(() => (settled += 1))));
    await waitFor('the group to wait for the append lock', async () => {
      const { rows } = await admin.query(`SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND wait_event = 'advisory'`, [database.name]);
      return rows.length === 1;
    });
    expect(settled).toBe(0);
    expect(await storedRows()).toEqual([]);
    await admin.query(`SELECT pg_advisory_unlock(${APPEND_LOCK_KEY})`);
    expect((await appends).map((record) => record.seq)).toEqual([1, 2, 3]);
    expect(await storedRows()).toHaveLength(3);
  });

  it('reads the head only once the append lock is granted, whatever the default isolation level', async () => {
    await admin.query(`ALTER DATABASE ${quoteIdentifier(database.name)} SET default_transaction_isolation = 'repeatable read'`);
    const repeatableRead = await newDataSource();
    try {
      const grouped = new AuditTrail(repeatableRead, new ActivityLogRepository(repeatableRead));
      let commitHolder!: () => void;
      const holderMayCommit = new Promise<void>((resolve) => (commitHolder = resolve));
      let holderAppended!: () => void;
      const appendedUnderLock = new Promise<void>((resolve) => (holderAppended = resolve));
      // An in-transaction append holds the lock with its row not yet committed.
      const holder = dataSource.transaction(async (manager) => {
        const record = await trail.record(entry('holder'), manager);
        holderAppended();
        await holderMayCommit;
        return record;
      });
      await appendedUnderLock;
      const waiting = grouped.record(entry('waiting'));
      await waitFor('the group to wait for the append lock', async () => {
        const { rows } = await admin.query(`SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND wait_event = 'advisory'`, [database.name]);
        return rows.length === 1;
      });
      commitHolder();
      expect((await holder).seq).toBe(1);
      expect(await waiting).toMatchObject({ seq: 2, previousHash: (await holder).hash });
      expect(await verifyAuditChain(dataSource)).toMatchObject({ ok: true, rows: 2 });
    } finally {
      await repeatableRead.destroy();
    }
  });

  it('rejects every caller of a group whose transaction fails, and the chain stays valid', async () => {
    await trail.record(entry('before'));
    // The database refuses one row of the group, so the group's single INSERT fails as a whole.
    await admin.query(`
      CREATE FUNCTION refuse_test_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused by the test'; END $$`);
    await admin.query(`CREATE TRIGGER refuse_test_row BEFORE INSERT ON activity_log FOR EACH ROW WHEN (NEW.event = 'test.refused') EXECUTE FUNCTION refuse_test_row()`);

    const group = Promise.allSettled([trail.record(entry('g-1')), trail.record(entry('g-2', 'test.refused')), trail.record(entry('g-3'))]);
    const outcomes = await group;
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const outcome of outcomes) expect((outcome as PromiseRejectedResult).reason).toEqual(expect.objectContaining({ message: expect.stringContaining('refused by the test') }));

    const after = await trail.record(entry('after'));
    expect(after.seq).toBe(2);
    expect((await storedRows()).map((row) => row.subject_id)).toEqual(['before', 'after']);
    expect(await verifyAuditChain(dataSource)).toMatchObject({ ok: true, rows: 2, headSeq: 2 });
  });

  it('orders grouped appends of two processes and in-transaction appends into one chain, time never going back', async () => {
    const otherDataSource = await newDataSource();
    try {
      const otherProcess = new AuditTrail(otherDataSource, new ActivityLogRepository(otherDataSource));
      const inTransaction = (id: string, rollBack: boolean) =>
        dataSource
          .transaction(async (manager) => {
            const record = await trail.record(entry(id), manager);
            if (rollBack) throw new Error('caller rolled back');
            return record;
          })
          .catch((error: Error) => (rollBack && error.message === 'caller rolled back' ? undefined : Promise.reject(error)));
      const work: Array<Promise<AuditRecord | undefined>> = [];
      for (let index = 0; index < 60; index++) {
        work.push(trail.record(entry(`here-${index}`)));
        work.push(otherProcess.record(entry(`there-${index}`)));
        if (index % 4 === 0) work.push(inTransaction(`tx-${index}`, index % 8 === 0));
      }
      const records = (await Promise.all(work)).filter((record): record is AuditRecord => record !== undefined);

      // 120 grouped, 15 in-transaction of which 8 rolled back with their caller.
      expect(records).toHaveLength(127);
      expect(new Set(records.map((record) => record.seq)).size).toBe(127);
      const stored = await storedRows();
      expect(stored.map((row) => row.subject_id).sort()).toEqual(records.map((record) => record.subjectId).sort());
      expect(stored.filter((row) => row.subject_id.startsWith('tx-')).map((row) => row.subject_id).sort()).toEqual(
        ['tx-4', 'tx-12', 'tx-20', 'tx-28', 'tx-36', 'tx-44', 'tx-52'].sort(),
      );
      for (let index = 1; index < stored.length; index++) {
        expect(stored[index].occurred_at.getTime()).toBeGreaterThanOrEqual(stored[index - 1].occurred_at.getTime());
      }
      expect(await verifyAuditChain(dataSource)).toMatchObject({ ok: true, rows: 127, headSeq: 127 });
    } finally {
      await otherDataSource.destroy();
    }
  });

  it.each([
    ['a NUL character in the subject id', { subject: { type: 'test', id: 'a\u0000b' } }, 'subject.id'],
    ['a NUL character in a property value', { properties: { filters: ['ok', 'x\u0000'] } }, 'properties.filters'],
    ['half of a surrogate pair in the actor', { actor: { userId: 'u-\ud800' } }, 'actor.userId'],
    ['a property value JSON would store other than it hashes', { properties: { at: new Date() as unknown as string } }, 'properties.at'],
  ])('SEN-HRD-20 refuses an entry with %s on its own, the rest of its group is written', async (_case, override, field) => {
    const outcomes = await Promise.allSettled([trail.record(entry('g-1')), trail.record({ ...entry('bad'), ...override }), trail.record(entry('g-3'))]);
    expect(outcomes[0]).toMatchObject({ status: 'fulfilled', value: { seq: 1 } });
    expect(outcomes[2]).toMatchObject({ status: 'fulfilled', value: { seq: 2 } });
    expect(outcomes[1]).toMatchObject({ status: 'rejected' });
    const reason = (outcomes[1] as PromiseRejectedResult).reason as AuditEntryUnstorableError;
    expect(reason).toBeInstanceOf(AuditEntryUnstorableError);
    expect(reason.field).toBe(field);
    expect(reason.message).toBe(`audit entry field "${field}" holds text the database cannot store`);
    expect(await verifyAuditChain(dataSource)).toMatchObject({ ok: true, rows: 2 });
  });
});
