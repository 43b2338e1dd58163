import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditPropertyRejectedError, AuditTrail, GENESIS_HASH, SYSTEM_ACTORS, verifyAuditChain } from '../src';
import { useAuditTestDatabase } from './support/audit-test-database';

describe('audit trail on PostgreSQL', () => {
  let dataSource: DataSource;
  let trail: AuditTrail;
  /** A superuser session, standing in for someone who bypasses the application. */
  let admin: Client;

  const record = (index: number, impersonatorId: string | null = null) =>
    trail.record({
      event: 'integration.connected',
      actor: { userId: `user-${index % 3}`, impersonatorId },
      subject: { type: 'integration', id: `int-${index}` },
      properties: { provider: 'hubspot', attempt: index, first: index === 0 },
    });

  /** Runs SQL with the append-only triggers off, as a superuser could. */
  const tamper = async (sql: string) => {
    await admin.query('BEGIN');
    await admin.query(`SET LOCAL session_replication_role = replica`);
    await admin.query(sql);
    await admin.query('COMMIT');
  };

  const fixture = useAuditTestDatabase();
  beforeEach(() => ({ dataSource, trail, admin } = fixture));

  it('chains rows from the genesis hash, actor and impersonator recorded', async () => {
    const first = await record(0);
    const second = await record(1, 'admin-7');
    expect(first).toMatchObject({ seq: 1, previousHash: GENESIS_HASH, actorUserId: 'user-0', impersonatorId: null });
    expect(second).toMatchObject({ seq: 2, previousHash: first.hash, actorUserId: 'user-1', impersonatorId: 'admin-7' });
    expect(second.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await verifyAuditChain(dataSource)).toEqual({ ok: true, rows: 2, headSeq: 2, headHash: second.hash });
  });

  it('does not fork under concurrent writers: 40 appends on 8 connections make one chain', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, index) => record(index)));
    const verdict = await verifyAuditChain(dataSource);
    expect(verdict).toMatchObject({ ok: true, rows: 40, headSeq: 40 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database', async () => {
    await record(0);
    await expect(admin.query(`UPDATE activity_log SET event = 'x'`)).rejects.toThrow(/append-only \(UPDATE refused\)/);
    await expect(admin.query(`DELETE FROM activity_log`)).rejects.toThrow(/append-only \(DELETE refused\)/);
    await expect(admin.query(`TRUNCATE activity_log`)).rejects.toThrow(/append-only \(TRUNCATE refused\)/);
    expect(await verifyAuditChain(dataSource)).toMatchObject({ ok: true, rows: 1 });
  });

  it('names an edited row', async () => {
    for (let index = 0; index < 5; index++) await record(index);
    await tamper(`UPDATE activity_log SET actor_user_id = 'someone-else' WHERE seq = 3`);
    expect(await verifyAuditChain(dataSource)).toEqual({ ok: false, rows: 2, brokenAtSeq: 3, reason: 'content_edited' });
  });

  it('names an edited row even when its stored hash was replaced too', async () => {
    for (let index = 0; index < 5; index++) await record(index);
    await tamper(`UPDATE activity_log SET properties = '{"provider":"salesforce"}', hash = repeat('a', 64) WHERE seq = 2`);
    expect(await verifyAuditChain(dataSource)).toMatchObject({ ok: false, brokenAtSeq: 2, reason: 'content_edited' });
  });

  it('names the row after a deleted one', async () => {
    for (let index = 0; index < 5; index++) await record(index);
    await tamper(`DELETE FROM activity_log WHERE seq = 2`);
    expect(await verifyAuditChain(dataSource)).toEqual({ ok: false, rows: 1, brokenAtSeq: 3, reason: 'row_missing' });
  });

  it('names reordered rows', async () => {
    for (let index = 0; index < 5; index++) await record(index);
    // Swap rows 2 and 4 wholesale (hashes included): each is now out of place in the chain.
    await tamper(`UPDATE activity_log SET seq = -2 WHERE seq = 2`);
    await tamper(`UPDATE activity_log SET seq = 2 WHERE seq = 4`);
    await tamper(`UPDATE activity_log SET seq = 4 WHERE seq = -2`);
    expect(await verifyAuditChain(dataSource)).toMatchObject({ ok: false, brokenAtSeq: 2, reason: 'chain_broken' });
  });

  it('refuses properties that look like personal data, naming the key only', async () => {
    const attempt = trail.record({
      event: 'deal.note_added',
      actor: { userId: SYSTEM_ACTORS.systemToken },
      subject: { type: 'deal', id: 'd-1' },
      properties: { note_by: 'alice@example.com' },
    });
    await expect(attempt).rejects.toThrow(AuditPropertyRejectedError);
    await expect(attempt).rejects.toThrow('audit property "note_by" looks like personal data');
    await expect(
      trail.record({ event: 'x.y', actor: { userId: 'u' }, subject: { type: 't', id: '1' }, properties: { email: 'x' } }),
    ).rejects.toThrow(AuditPropertyRejectedError);
    expect(await verifyAuditChain(dataSource)).toMatchObject({ ok: true, rows: 0 });
  });
});
