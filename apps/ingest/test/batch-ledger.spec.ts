import type { Delivery } from '@sentinel/messaging';
import { BatchLedger } from '../src/gate/batch-ledger';

function delivery(attempt: number, finalAttempt: boolean, source = 'slack'): Delivery<{ source: string }> {
  return { attempt, finalAttempt, envelope: { id: `e${attempt}`, type: 'inbound.item', tenant_id: 't', occurred_at: '2026-01-01T00:00:00Z', data: { source } } };
}

describe('BatchLedger', () => {
  it('acks decided deliveries and counts their outcomes by source', () => {
    const ledger = new BatchLedger([delivery(1, false), delivery(1, false, 'gmail')]);
    ledger.record(0, 'passed', 'i1');
    ledger.record(0, 'dropped_no_crm_match', 'i2');
    ledger.record(1, 'duplicate_event', 'i3');
    const settled = ledger.settle();
    expect(settled.outcomes).toEqual([{ kind: 'ack' }, { kind: 'ack' }]);
    expect(settled.counts).toEqual(new Map([
      ['slack', new Map([['passed', 1], ['dropped_no_crm_match', 1]])],
      ['gmail', new Map([['duplicate_event', 1]])],
    ]));
    expect(settled.retries).toEqual([]);
  });

  it('retries an unchecked delivery while attempts remain, counting nothing for it', () => {
    const ledger = new BatchLedger([delivery(2, false)]);
    ledger.record(0, 'passed', 'i1');
    ledger.fail(0, { reason: 'contact_book_unavailable', transient: true });
    const settled = ledger.settle();
    expect(settled.outcomes).toEqual([{ kind: 'retry', reason: 'contact_book_unavailable' }]);
    expect(settled.counts.size).toBe(0);
    expect(settled.retries).toEqual([{ source: 'slack', reason: 'contact_book_unavailable' }]);
  });

  it('drops as fail_closed on the final attempt, and at once for a permanent failure', () => {
    const ledger = new BatchLedger([delivery(4, true), delivery(1, false)]);
    ledger.fail(0, { reason: 'slack_rate_limited', transient: true });
    ledger.fail(1, { reason: 'slack_unavailable', transient: true });
    ledger.fail(1, { reason: 'slack_token_rejected', transient: false });
    ledger.fail(1, { reason: 'contact_book_unavailable', transient: true });
    const settled = ledger.settle();
    expect(settled.outcomes).toEqual([{ kind: 'ack' }, { kind: 'ack' }]);
    expect(settled.counts.get('slack')).toEqual(new Map([['fail_closed', 2]]));
  });

  it('gives the ledger one entry per delivery and integration: in_flight while retried, the decision once settled', () => {
    const ledger = new BatchLedger([delivery(1, false), delivery(2, false), delivery(3, true, 'gmail'), delivery(4, true)]);
    ledger.claim(0, 'i1');
    ledger.claim(0, 'i2');
    ledger.record(0, 'passed', 'i1');
    ledger.withdraw(0, 'i2');
    ledger.claim(1, 'i1');
    ledger.record(1, 'dropped_no_crm_match', 'i1');
    ledger.fail(1, { reason: 'slack_unavailable', transient: true });
    ledger.claim(2, 'i3');
    ledger.fail(2, { reason: 'contact_book_unavailable', transient: true });
    ledger.fail(3, { reason: 'contact_book_unavailable', transient: true });
    expect(ledger.settle().ledger).toEqual([
      { eventId: 'e1', integrationId: 'i2', source: 'slack', mark: 'withdrawn' },
      { eventId: 'e1', integrationId: 'i1', source: 'slack', mark: 'passed' },
      { eventId: 'e2', integrationId: 'i1', source: 'slack', mark: 'in_flight' },
      { eventId: 'e3', integrationId: 'i3', source: 'gmail', mark: 'fail_closed' },
      { eventId: 'e4', integrationId: null, source: 'slack', mark: 'fail_closed' },
    ]);
  });
});
