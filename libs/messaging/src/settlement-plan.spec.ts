import { Outcome } from './delivery';
import { planSettlement } from './settlement-plan';

describe('planSettlement', () => {
  it('acks without copies when every event was handled', () => {
    const plan = planSettlement([Outcome.ack(), Outcome.ack()], 1, 3);
    expect(plan).toEqual({ retry: [], dead: new Map(), counts: new Map([['acked', 2]]) });
  });

  it('retries only the events that asked for it while attempts remain, and dead-letters by reason', () => {
    const plan = planSettlement([Outcome.retry('Error'), Outcome.ack(), Outcome.dead('bad'), Outcome.retry('Other'), Outcome.dead('bad')], 2, 3);
    expect(plan.retry).toEqual([0, 3]);
    expect(plan.dead).toEqual(new Map([['bad', [2, 4]]]));
    expect(plan.counts).toEqual(new Map([['retried', 2], ['acked', 1], ['dead_lettered', 2]]));
  });

  it('dead-letters retries on the last attempt as retries_exhausted, one copy per reason', () => {
    const plan = planSettlement([Outcome.retry('Error'), Outcome.retry('QueryFailedError:57P01'), Outcome.retry('Error')], 3, 3);
    expect(plan.retry).toEqual([]);
    expect(plan.dead).toEqual(new Map([['retries_exhausted: Error', [0, 2]], ['retries_exhausted: QueryFailedError:57P01', [1]]]));
  });
});
