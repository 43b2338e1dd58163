import { botTokenMatches } from '@sentinel/crypto';
import { closedLoopbackPort, createTestDatabase, type TestDatabase } from '@sentinel/testing';
import { Client } from 'pg';
import { sentinel } from './cli.runner';

describe('sentinel bots', () => {
  let database: TestDatabase;
  let db: Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Client({ connectionString: database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db.end();
    await database.drop();
  });

  const bots = (...args: string[]) => sentinel('--json', 'bots', ...args, '--database-url', database.url);

  it('SEN-ING-21 issues a token shown once and stores only its SHA-256 and lookup prefix', async () => {
    const run = await bots('issue', 'gong-recorder', '--actor', 'operator-1');
    expect(run.code).toBe(0);
    const issued = JSON.parse(run.stdout) as { id: string; name: string; token: string; prefix: string };
    expect(issued.name).toBe('gong-recorder');
    expect(issued.token).toMatch(/^sbt_[A-Za-z0-9_-]{43}$/);
    expect(issued.prefix).toBe(issued.token.slice(0, 12));

    const { rows } = await db.query('SELECT * FROM bot_tokens WHERE id = $1', [issued.id]);
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows[0]);
    expect(stored).not.toContain(issued.token.slice(12));
    expect(botTokenMatches(issued.token, String(rows[0].token_sha256))).toBe(true);

    const { rows: audit } = await db.query(`SELECT actor_user_id, subject_type, subject_id FROM activity_log WHERE event = 'bot_token.issued'`);
    expect(audit).toEqual([{ actor_user_id: 'operator-1', subject_type: 'bot_token', subject_id: issued.id }]);

    const human = await sentinel('bots', 'issue', 'fireflies', '--database-url', database.url);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^bot fireflies \([0-9a-f-]{36}\) token:\nsbt_[A-Za-z0-9_-]{43}\n/);
  });

  it('refuses a second live token for a bot (exit 1) and a malformed name (exit 2)', async () => {
    const again = await bots('issue', 'gong-recorder');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already has a live token');
    expect((await bots('issue', 'Not A Name')).code).toBe(2);
    expect((await bots('issue')).code).toBe(2);
  });

  it('lists bots with prefix and state, never a token or a hash', async () => {
    const run = await bots('list');
    expect(run.code).toBe(0);
    const { data } = JSON.parse(run.stdout) as { data: Array<Record<string, unknown>> };
    expect(data.map((row) => row.name)).toEqual(['gong-recorder', 'fireflies']);
    for (const row of data) expect(Object.keys(row).sort()).toEqual(['created_at', 'id', 'last_used_at', 'name', 'prefix', 'revoked_at']);
    const human = await sentinel('bots', 'list', '--database-url', database.url);
    expect(human.stdout).toContain('gong-recorder');
    expect(human.stdout).not.toMatch(/[0-9a-f]{64}/);
  });

  it('SEN-ING-21 revokes by name or id (audited), after which the name can be issued again', async () => {
    const revoked = await bots('revoke', 'gong-recorder', '--actor', 'operator-2');
    expect(revoked.code).toBe(0);
    const body = JSON.parse(revoked.stdout) as { id: string; revoked_at: string };
    expect(body.revoked_at).toEqual(expect.any(String));
    expect((await bots('revoke', 'gong-recorder')).code).toBe(1);
    const { rows: audit } = await db.query(`SELECT actor_user_id, subject_id FROM activity_log WHERE event = 'bot_token.revoked'`);
    expect(audit).toEqual([{ actor_user_id: 'operator-2', subject_id: body.id }]);

    const fireflies = (JSON.parse((await bots('list')).stdout) as { data: Array<{ id: string; name: string }> }).data.find((row) => row.name === 'fireflies');
    expect((await bots('revoke', String(fireflies?.id))).code).toBe(0);
    expect((await bots('issue', 'gong-recorder')).code).toBe(0);
  });

  it('exits 3 when PostgreSQL is unavailable', async () => {
    const down = `postgres://postgres@127.0.0.1:${await closedLoopbackPort()}/none`;
    expect((await sentinel('bots', 'list', '--database-url', down)).code).toBe(3);
    expect((await sentinel('bots', 'issue', 'otter', '--database-url', down)).code).toBe(3);
  });
});
