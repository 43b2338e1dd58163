import { sentinel } from './cli.runner';

describe('sentinel usage', () => {
  it.each([[], ['tokens', 'mint'], ['integrations', 'list'], ['keys', 'rotate'], ['sync', 'run'], ['ingest', 'ledger'], ['bots', 'issue'], ['bots', 'list'], ['bots', 'revoke'], ['audit', 'verify'], ['doctor']])('answers --help for "%s" with exit 0', async (...command) => {
    const run = await sentinel(...command, '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: sentinel');
    expect(run.stdout).toContain('Exit codes: 0 ok, 1 failure, 2 usage, 3 a dependency is unavailable.');
  });

  it('exits 2 on an unknown command, a missing argument or an invalid option value', async () => {
    expect((await sentinel('bogus')).code).toBe(2);
    expect((await sentinel('sync', 'run')).code).toBe(2);
    expect((await sentinel('tokens', 'mint', 'someone', '--admin-key', 'k'.repeat(16), '--ttl', 'soon')).code).toBe(2);
  });

  it('exits 2 when a required credential is missing', async () => {
    const run = await sentinel('sync', 'run', '00000000-0000-0000-0000-000000000000', '--token', '');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--token or SENTINEL_TOKEN is required');
  });
});
