import { OutstandingDeliveries } from './outstanding-deliveries';

function received(...tags: number[]): OutstandingDeliveries {
  const outstanding = new OutstandingDeliveries();
  for (const tag of tags) outstanding.received(tag);
  return outstanding;
}

describe('OutstandingDeliveries', () => {
  it('lets a batch with nothing unacked below it be acked with one multiple ack', () => {
    const outstanding = received(1, 2, 3, 4, 5, 6);
    expect(outstanding.ack([1, 2, 3])).toBe(true);
    expect(outstanding.ack([6, 4, 5])).toBe(true);
  });

  it('acks one by one a batch that finished before an earlier one, then multiple again once the earlier one is acked', () => {
    const outstanding = received(1, 2, 3, 4, 5, 6, 7);
    expect(outstanding.ack([4, 5, 6])).toBe(false);
    expect(outstanding.ack([1, 2, 3])).toBe(true);
    expect(outstanding.ack([7])).toBe(true);
  });

  it('never lets a multiple ack sweep up a delivery left unacked to be redelivered', () => {
    const outstanding = received(1, 2, 3, 4, 5);
    // 2 could not be settled (its retry copy was not confirmed) and stays unacked on this channel.
    expect(outstanding.ack([1, 3])).toBe(false);
    expect(outstanding.ack([4, 5])).toBe(false);
  });

  it('stays exact over many compactions', () => {
    const outstanding = new OutstandingDeliveries();
    for (let tag = 1; tag <= 20_000; tag += 1) outstanding.received(tag);
    for (let start = 1; start <= 20_000; start += 500) {
      expect(outstanding.ack(Array.from({ length: 500 }, (_, offset) => start + offset))).toBe(true);
    }
    outstanding.received(20_001);
    outstanding.received(20_002);
    expect(outstanding.ack([20_002])).toBe(false);
  });
});
