import { OutstandingDeliveries } from './outstanding-deliveries';

function received(...tags: number[]): OutstandingDeliveries {
  const outstanding = new OutstandingDeliveries();
  for (const tag of tags) outstanding.received(tag);
  return outstanding;
}

describe('OutstandingDeliveries', () => {
  it('acks a batch with nothing unacked below it with one multiple ack', () => {
    const outstanding = received(1, 2, 3, 4, 5, 6);
    expect(outstanding.ack([1, 2, 3])).toEqual({ upTo: 3, single: [] });
    expect(outstanding.ack([6, 4, 5])).toEqual({ upTo: 6, single: [] });
  });

  it('acks one by one what finished before an earlier delivery, then sweeps past them once the earlier one is acked', () => {
    const outstanding = received(1, 2, 3, 4, 5, 6, 7);
    expect(outstanding.ack([4, 5, 6])).toEqual({ single: [4, 5, 6] });
    expect(outstanding.ack([2, 1, 3])).toEqual({ upTo: 3, single: [] });
    expect(outstanding.ack([7])).toEqual({ upTo: 7, single: [] });
  });

  it('never lets a multiple ack sweep up a delivery left unacked to be redelivered', () => {
    const outstanding = received(1, 2, 3, 4, 5);
    // 2 could not be settled (its retry copy was not confirmed) and stays unacked on this channel.
    expect(outstanding.ack([1, 3])).toEqual({ upTo: 1, single: [3] });
    expect(outstanding.ack([5, 4])).toEqual({ single: [5, 4] });
  });

  it('stays exact over many compactions', () => {
    const outstanding = new OutstandingDeliveries();
    for (let tag = 1; tag <= 20_000; tag += 1) outstanding.received(tag);
    for (let start = 1; start <= 20_000; start += 500) {
      expect(outstanding.ack(Array.from({ length: 500 }, (_, offset) => start + offset))).toEqual({ upTo: start + 499, single: [] });
    }
    outstanding.received(20_001);
    outstanding.received(20_002);
    expect(outstanding.ack([20_002])).toEqual({ single: [20_002] });
  });
});
