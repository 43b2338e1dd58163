import fc from 'fast-check';
import { applyFact, EMPTY_AGGREGATE, recomputeAggregate, type TimelineFact } from './deal-aggregate';

const CONTACTS = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003'];

/** A fact with its message id: the timeline entry key that keeps duplicates out. */
const keyedFact = fc.record({
  messageId: fc.integer({ min: 1, max: 40 }),
  fact: fc.record({
    source: fc.constantFrom('slack' as const, 'gmail' as const, 'calendar' as const, 'meeting_bot' as const),
    direction: fc.constantFrom('inbound' as const, 'outbound' as const),
    // A small range so equal timestamps (ties in the two latest) are common.
    occurredAt: fc.integer({ min: 0, max: 30 }).map((day) => Date.UTC(2026, 0, 1) + day * 86_400_000),
    contactIds: fc.uniqueArray(fc.constantFrom(...CONTACTS), { maxLength: 3 }),
  }),
});

describe('DealAggregate', () => {
  it('incremental equals recomputed, whatever the order of arrival and with duplicates delivered again', () => {
    fc.assert(
      fc.property(fc.array(keyedFact, { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 30 }), fc.infiniteStream(fc.nat()), (events, redeliveries, shuffleSeeds) => {
        // The first event with a message id is the message; later ones with that id are redeliveries of it.
        const messages = new Map<number, TimelineFact>();
        for (const { messageId, fact } of events) if (!messages.has(messageId)) messages.set(messageId, fact);
        const deliveries = [...messages.entries()];
        for (const index of redeliveries) if (deliveries.length > 0) deliveries.push(deliveries[index % deliveries.length]);
        const seeds = shuffleSeeds[Symbol.iterator]();
        for (let i = deliveries.length - 1; i > 0; i -= 1) {
          const j = (seeds.next().value as number) % (i + 1);
          [deliveries[i], deliveries[j]] = [deliveries[j], deliveries[i]];
        }

        // As TimelineRecorderService does: an entry already stored leaves the aggregate alone.
        const stored = new Set<number>();
        let incremental = EMPTY_AGGREGATE;
        for (const [messageId, fact] of deliveries) {
          if (stored.has(messageId)) continue;
          stored.add(messageId);
          incremental = applyFact(incremental, fact);
        }
        expect(incremental).toEqual(recomputeAggregate([...messages.values()]));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the two latest inbound times, ties included', () => {
    const at = (day: number) => Date.UTC(2026, 0, day);
    const inbound = (day: number): TimelineFact => ({ source: 'gmail', direction: 'inbound', occurredAt: at(day), contactIds: [] });
    const aggregate = [inbound(5), inbound(9), inbound(9), inbound(2)].reduce(applyFact, EMPTY_AGGREGATE);
    expect(aggregate).toMatchObject({ inboundCount: 4, firstInboundAt: at(2), lastInboundAt: at(9), previousInboundAt: at(9) });
  });
});
