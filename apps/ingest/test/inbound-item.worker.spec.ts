import type { Delivery } from '@sentinel/messaging';
import type { AdmissionStore, AdmittedRow } from '../src/gate/admission.store';
import { ContactGateService } from '../src/gate/contact-gate.service';
import { InboundItemWorker } from '../src/gate/inbound-item.worker';
import type { ParticipantResolverService } from '../src/gate/participant-resolver.service';
import type { TimelinePublisher } from '../src/gate/timeline.publisher';
import type { InboundItem } from '../src/inbound/inbound-item.event';
import type { LedgerEntry } from '../src/ledger/ledger-entry';
import type { LedgerSettlementWorker } from '../src/ledger/ledger-settlement.worker';
import type { IngestMetrics } from '../src/metrics/ingest.metrics';
import type { ContactBookRepository } from '../src/repositories/contact-book.repository';
import type { GateIntegration, GateIntegrationRepository } from '../src/repositories/gate-integration.repository';
import type { IngestLedgerRepository } from '../src/repositories/ingest-ledger.repository';
import type { MessageRepository, NewMessageRow, StoredMessageRef } from '../src/repositories/message.repository';

const integration: GateIntegration = {
  id: '00000000-0000-4000-8000-000000000001',
  userId: 'u1',
  provider: 'gmail',
  status: 'connected',
  accessToken: null,
  externalAccountId: 'me@ours.com',
  selfAddresses: [],
};

const item: InboundItem = {
  source: 'gmail',
  integration_id: integration.id,
  user_id: 'u1',
  external_id: 'gm-1',
  participants: [{ role: 'from', email: 'ann@client.com' }],
  conversation: { kind: 'email_thread' },
  body_text: 'hello',
  occurred_at: '2026-01-01T00:00:00.000Z',
};

function delivery(attempt: number): Delivery<InboundItem> {
  return { attempt, finalAttempt: false, envelope: { id: 'e1', type: 'inbound.item', tenant_id: 't', occurred_at: item.occurred_at, data: item } };
}

/** The worker over in-memory collaborators: one stored table, a ledger, a contact book with ann, a publisher that can fail. */
function workerWith(publish: jest.Mock, ledgerDown = false) {
  const ledgerRows = new Map<string, string>();
  const applyLedger = (entries: readonly LedgerEntry[]) => {
    for (const entry of entries) {
      const key = `${entry.eventId}/${entry.integrationId}`;
      const current = ledgerRows.get(key);
      if (current === undefined || (current === 'in_flight' && entry.mark !== 'in_flight')) ledgerRows.set(key, entry.mark);
    }
  };
  const ledgerItems = {
    record: async (entries: LedgerEntry[]) => {
      if (ledgerDown) throw new Error('connection refused');
      applyLedger(entries);
    },
  } as unknown as IngestLedgerRepository;
  const deferred: LedgerEntry[] = [];
  const settlements = { defer: async (entries: LedgerEntry[]) => void deferred.push(...entries) } as unknown as LedgerSettlementWorker;
  const table = new Map<string, StoredMessageRef & { externalId: string }>();
  const messages = {
    findExisting: async (keys: Array<{ externalId: string }>) =>
      new Map([...keys.entries()].flatMap(([position, key]) => {
        const row = [...table.values()].find((stored) => stored.externalId === key.externalId);
        return row ? [[position, row] as const] : [];
      })),
    insertNew: async (rows: NewMessageRow[]) => {
      for (const row of rows) table.set(row.id, row);
      return new Set(rows.map((row) => row.id));
    },
  } as unknown as MessageRepository;
  const admissions = {
    insert: async (rows: AdmittedRow[]) => {
      const inserted = await messages.insertNew(rows.map(({ row }) => row));
      applyLedger(rows.map(({ eventId, row }) => ({ eventId, integrationId: row.integrationId, source: row.source, mark: 'passed' })));
      return inserted;
    },
  } as unknown as AdmissionStore;
  const contactBook = { match: async () => [{ userId: 'u1', email: 'ann@client.com', contactId: 'c1' }] } as unknown as ContactBookRepository;
  const resolver = {
    resolve: async (candidates: Array<{ integration: GateIntegration }>) => ({
      resolved: candidates.map((candidate) => ({ candidate, participants: { count: 1, otherCount: 1, otherEmails: ['ann@client.com'], fromSelf: false } })),
      failures: new Map(),
      notMembers: [],
    }),
  } as unknown as ParticipantResolverService;
  const metrics = { outcome: jest.fn(), gateRetry: jest.fn(), unrouted: jest.fn() } as unknown as IngestMetrics;
  const worker = new InboundItemWorker(
    { loadForBatch: async () => [integration] } as unknown as GateIntegrationRepository,
    messages,
    admissions,
    ledgerItems,
    settlements,
    resolver,
    new ContactGateService(contactBook),
    { appended: publish } as unknown as TimelinePublisher,
    metrics,
    { queryTimeoutMs: 1_000 },
  );
  return { worker, table, metrics, ledgerRows, deferred };
}

describe('InboundItemWorker and timeline.appended', () => {
  it('retries a stored item whose timeline event was not confirmed, and republishes it on that retry', async () => {
    const publish = jest.fn().mockRejectedValueOnce(new Error('channel closed')).mockResolvedValue(undefined);
    const { worker, table } = workerWith(publish);

    expect(await worker.handle([delivery(1)])).toEqual([{ kind: 'retry', reason: 'timeline_unpublished' }]);
    expect(table.size).toBe(1);
    const [storedId] = table.keys();

    expect(await worker.handle([delivery(2)])).toEqual([{ kind: 'ack' }]);
    expect(table.size).toBe(1);
    expect(publish).toHaveBeenLastCalledWith([expect.objectContaining({ message_id: storedId, source: 'gmail', matched_contact_ids: ['c1'] })]);
  });

  it('keeps the ledger at passed for that item: the mark was written with the row, the retry cannot turn it into a duplicate', async () => {
    const publish = jest.fn().mockRejectedValueOnce(new Error('channel closed')).mockResolvedValue(undefined);
    const { worker, ledgerRows } = workerWith(publish);
    await worker.handle([delivery(1)]);
    await worker.handle([delivery(2)]);
    expect(ledgerRows).toEqual(new Map([[`e1/${integration.id}`, 'passed']]));
  });

  it('hands settled ledger entries to the broker when the database cannot take them, except passed marks already written with their rows', async () => {
    const { worker, deferred, ledgerRows } = workerWith(jest.fn().mockResolvedValue(undefined), true);
    await worker.handle([delivery(1)]);
    expect(ledgerRows).toEqual(new Map([[`e1/${integration.id}`, 'passed']]));
    expect(deferred).toEqual([]);
    // The same item again finds its row stored: that outcome exists nowhere else yet.
    await worker.handle([delivery(1)]);
    expect(deferred).toEqual([{ eventId: 'e1', integrationId: integration.id, source: 'gmail', mark: 'duplicate_event' }]);
  });

  it('does not republish for a first delivery that finds the row already stored (a provider duplicate)', async () => {
    const publish = jest.fn().mockResolvedValue(undefined);
    const { worker, metrics } = workerWith(publish);
    await worker.handle([delivery(1)]);
    await worker.handle([delivery(1)]);
    expect(publish).toHaveBeenCalledTimes(2);
    expect(publish).toHaveBeenLastCalledWith([]);
    expect(metrics.outcome).toHaveBeenCalledWith('gmail', 'duplicate_event', 1);
  });
});
