import { waitFor } from '@sentinel/testing';
import { randomUUID } from 'node:crypto';
import { AdmissionStore } from '../src/gate/admission.store';
import type { NewMessageRow } from '../src/repositories/message.repository';
import { IngestHarness } from './support/ingest-harness';

jest.setTimeout(60_000);

describe('storing admitted rows under the gate step deadline (real PostgreSQL)', () => {
  let harness: IngestHarness;
  let integrationId: string;

  beforeAll(async () => {
    harness = await IngestHarness.start();
    integrationId = await harness.insertIntegration('user-dana', 'gmail', 'dana@ours.com', null);
  });

  afterAll(() => harness?.close());

  const row = (externalId: string): NewMessageRow => ({
    id: randomUUID(),
    userId: 'user-dana',
    source: 'gmail',
    externalId,
    slackEventId: null,
    integrationId,
    slackChannelId: null,
    threadId: null,
    subject: null,
    bodyText: 'body',
    occurredAt: new Date('2026-11-01T10:00:00Z'),
    direction: 'inbound',
    matchedContactIds: [randomUUID()],
    participantsCount: 2,
    attachments: [],
  });

  const stored = async (externalId: string) =>
    (await harness.db.query(`SELECT 1 FROM messages WHERE external_id = $1`, [externalId])).rowCount;

  it('commits the rows with their passed marks while the deadline has not fired', async () => {
    const store = harness.service.app.get(AdmissionStore);
    const admitted = row('gm-in-time');
    expect(await store.insert([{ eventId: 'ev-in-time', row: admitted }], new AbortController().signal)).toEqual(new Set([admitted.id]));
    expect(await stored('gm-in-time')).toBe(1);
    const { rows } = await harness.db.query(`SELECT outcome FROM ingest_ledger_items WHERE event_id = 'ev-in-time'`);
    expect(rows).toEqual([{ outcome: 'passed' }]);
  });

  it('rolls back instead of committing when the deadline fires while the transaction is still running', async () => {
    const store = harness.service.app.get(AdmissionStore);
    const deadline = new AbortController();
    // Another session holds the ledger key uncommitted, so the transaction's ledger statement waits on it.
    await harness.db.query('BEGIN');
    await harness.db.query(`INSERT INTO ingest_ledger_items (event_id, integration_id, source, outcome) VALUES ('ev-late', $1, 'gmail', 'in_flight')`, [integrationId]);
    const insert = store.insert([{ eventId: 'ev-late', row: row('gm-late') }], deadline.signal);
    const outcome = insert.then(() => 'committed', (error: { name?: string }) => error.name);
    await waitFor('the ledger statement waits on the held key', async () => {
      const { rows } = await harness.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted`);
      return rows[0]!.n > 0;
    });
    deadline.abort();
    await harness.db.query('ROLLBACK');

    expect(await outcome).toBe('AbortError');
    expect(await stored('gm-late')).toBe(0);
    const { rows } = await harness.db.query(`SELECT 1 FROM ingest_ledger_items WHERE event_id = 'ev-late'`);
    expect(rows).toEqual([]);
  });
});
