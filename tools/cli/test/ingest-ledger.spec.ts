import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sentinel } from './cli.runner';

const KNOWN = '11111111-1111-4111-8111-111111111111';
const day = (date: string, received: number, passed: number, inFlight: number) => ({
  day: date,
  received,
  passed,
  dropped_no_crm_match: 1,
  dropped_self_user: 1,
  fail_closed: 0,
  duplicate_event: 1,
  in_flight: inFlight,
});

/** Stands in for ingest's GET /integrations/:id/ledger as its contract answers. */
describe('sentinel ingest ledger', () => {
  let server: Server;
  let url: string;
  const calls: Array<{ method?: string; url?: string; authorization?: string }> = [];
  let answer: (request: IncomingMessage) => { status: number; body: unknown };

  const ledger = (days: ReturnType<typeof day>[]) => ({
    integration_id: KNOWN,
    from: '2026-11-20',
    to: '2026-11-21',
    days,
    totals: days.reduce(
      (sum, entry) => {
        for (const key of Object.keys(sum) as Array<keyof typeof sum>) sum[key] += entry[key];
        return sum;
      },
      { received: 0, passed: 0, dropped_no_crm_match: 0, dropped_self_user: 0, fail_closed: 0, duplicate_event: 0, in_flight: 0 },
    ),
  });

  beforeAll(async () => {
    server = createServer((request, response) => {
      calls.push({ method: request.method, url: request.url, authorization: request.headers.authorization });
      const { status, body } = answer(request);
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    calls.length = 0;
    answer = (request) =>
      request.url?.startsWith(`/integrations/${KNOWN}/ledger`)
        ? { status: 200, body: ledger([day('2026-11-20', 10, 6, 1), day('2026-11-21', 5, 2, 0)]) }
        : { status: 404, body: { error: 'integration_not_found', message: 'no such integration' } };
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('prints one row per day with the outcomes and says the identity holds', async () => {
    const run = await sentinel('ingest', 'ledger', KNOWN, '--ingest-url', url, '--token', 'tok', '--from', '2026-11-20', '--to', '2026-11-21');
    expect(run.code).toBe(0);
    expect(calls).toEqual([{ method: 'GET', url: `/integrations/${KNOWN}/ledger?from=2026-11-20&to=2026-11-21`, authorization: 'Bearer tok' }]);
    const lines = run.stdout.trim().split('\n');
    expect(lines[1].split(/\s+/)).toEqual(['day', 'received', 'passed', 'dropped_no_crm_match', 'dropped_self_user', 'fail_closed', 'duplicate_event', 'in_flight', 'balanced']);
    expect(lines[2].split(/\s+/)).toEqual(['2026-11-20', '10', '6', '1', '1', '0', '1', '1', 'yes']);
    expect(lines[3].split(/\s+/)).toEqual(['2026-11-21', '5', '2', '1', '1', '0', '1', '0', 'yes']);
    expect(lines[4].split(/\s+/)).toEqual(['total', '15', '8', '2', '2', '0', '2', '1', 'yes']);
    expect(lines[5]).toBe('received = sum of outcomes: holds');
  });

  it('names the days on which received differs from the sum of outcomes', async () => {
    answer = () => ({ status: 200, body: ledger([day('2026-11-20', 10, 6, 1), day('2026-11-21', 9, 2, 0)]) });
    const run = await sentinel('ingest', 'ledger', KNOWN, '--ingest-url', url, '--token', 'tok');
    expect(run.code).toBe(0);
    expect(calls[0].url).toBe(`/integrations/${KNOWN}/ledger`);
    expect(run.stdout).toContain('received = sum of outcomes: BROKEN on 2026-11-21');
  });

  it('--json emits the response as ingest answered it', async () => {
    const run = await sentinel('--json', 'ingest', 'ledger', KNOWN, '--ingest-url', url, '--token', 'tok');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(ledger([day('2026-11-20', 10, 6, 1), day('2026-11-21', 5, 2, 0)]));
  });

  it('exits 1 on a refusal, 3 when ingest is unavailable or unreachable', async () => {
    const unknown = await sentinel('ingest', 'ledger', '22222222-2222-4222-8222-222222222222', '--ingest-url', url, '--token', 'tok');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('ledger refused: 404 integration_not_found');

    answer = () => ({ status: 503, body: { error: 'database_unavailable' } });
    expect((await sentinel('ingest', 'ledger', KNOWN, '--ingest-url', url, '--token', 'tok')).code).toBe(3);
    expect((await sentinel('ingest', 'ledger', KNOWN, '--ingest-url', 'http://127.0.0.1:1', '--token', 'tok')).code).toBe(3);
  });

  it('exits 2 without a token or with a malformed day, before calling ingest', async () => {
    const noToken = await sentinel('ingest', 'ledger', KNOWN, '--ingest-url', url, '--token', '');
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('--token or SENTINEL_TOKEN is required');
    expect((await sentinel('ingest', 'ledger', KNOWN, '--ingest-url', url, '--token', 'tok', '--from', '20-11-2026')).code).toBe(2);
    expect((await sentinel('ingest', 'ledger')).code).toBe(2);
    expect(calls).toEqual([]);
  });

  it('answers --help with exit 0', async () => {
    const run = await sentinel('ingest', 'ledger', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: sentinel ingest ledger');
    expect(run.stdout).toContain('Exit codes: 0 ok, 1 failure, 2 usage, 3 a dependency is unavailable.');
  });
});
