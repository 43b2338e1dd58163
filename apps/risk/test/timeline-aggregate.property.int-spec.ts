import fc from 'fast-check';
import { recomputeAggregate, type TimelineFact } from '../src/aggregates/deal-aggregate';
import { aggregateOf } from '../src/repositories/deal-read.repository';
import { TimelineRecorderService } from '../src/timeline/timeline-recorder.service';
import { RiskHarness, timelineEvent } from './support/risk-harness';

jest.setTimeout(120_000);

/**
 * The aggregate row written incrementally (TimelineRecorderService, one transaction per event)
 * equals the aggregate recomputed from scratch over the entries stored for the deal, for any order
 * of arrival with redeliveries mixed in.
 */
describe('deal aggregates in PostgreSQL', () => {
  let harness: RiskHarness;

  beforeAll(async () => {
    harness = await RiskHarness.start();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('incremental row = recomputation over the stored entries', async () => {
    const recorder = harness.service.app.get(TimelineRecorderService);
    const message = fc.record({
      source: fc.constantFrom('slack' as const, 'gmail' as const, 'calendar' as const, 'meeting_bot' as const),
      direction: fc.constantFrom('inbound' as const, 'outbound' as const),
      day: fc.integer({ min: 0, max: 20 }),
      contacts: fc.subarray([0, 1, 2], { minLength: 1 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 25 }), fc.array(fc.nat(), { maxLength: 10 }), fc.integer(), async (messages, redeliveries, seed) => {
        const deal = await harness.seedDeal('user-owner', { contacts: 3 });
        const events = messages.map((item) =>
          timelineEvent('user-owner', deal.integrationId, item.contacts.map((index) => deal.contactIds[index]), {
            source: item.source,
            direction: item.direction,
            occurred_at: new Date(Date.UTC(2026, 9, 1) + item.day * 86_400_000).toISOString(),
          }),
        );
        const deliveries = [...events, ...redeliveries.map((index) => events[index % events.length])];
        let state = seed;
        const random = () => ((state = (state * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x80000000);
        deliveries.sort(() => random() - 0.5);
        for (const event of deliveries) await recorder.recordMessage(event);

        const { rows: entries } = await harness.db.query(`SELECT source, direction, occurred_at, contact_ids FROM deal_timeline_entries WHERE deal_id = $1`, [deal.dealId]);
        expect(entries).toHaveLength(events.length);
        const facts: TimelineFact[] = entries.map((row) => ({ source: row.source, direction: row.direction, occurredAt: new Date(row.occurred_at).getTime(), contactIds: row.contact_ids }));
        const { rows } = await harness.db.query(`SELECT * FROM deal_risk_aggregates WHERE deal_id = $1`, [deal.dealId]);
        expect(aggregateOf(rows[0])).toEqual(recomputeAggregate(facts));
      }),
      { numRuns: 25 },
    );
  });

  it('tracks the stage and the owner from crm-sync\'s writes to deals (trigger)', async () => {
    const deal = await harness.seedDeal('user-owner', { stage: 'proposal' });
    const stageOf = async () => (await harness.db.query(`SELECT stage, stage_since FROM deal_risk_aggregates WHERE deal_id = $1`, [deal.dealId])).rows[0];
    const { rows: team } = await harness.db.query(`SELECT user_id, role FROM deal_team_members WHERE deal_id = $1`, [deal.dealId]);
    expect(team).toEqual([{ user_id: 'user-owner', role: 'owner' }]);

    await harness.db.query(`UPDATE deal_risk_aggregates SET stage_since = now() - interval '50 days' WHERE deal_id = $1`, [deal.dealId]);
    const before = (await stageOf()).stage_since as Date;
    await harness.db.query(`UPDATE deals SET stage = 'proposal', synced_at = now() WHERE id = $1`, [deal.dealId]);
    expect((await stageOf()).stage_since).toEqual(before);

    await harness.db.query(`UPDATE deals SET stage = 'negotiation' WHERE id = $1`, [deal.dealId]);
    const after = await stageOf();
    expect(after.stage).toBe('negotiation');
    expect(Date.now() - new Date(after.stage_since).getTime()).toBeLessThan(60_000);
  });
});
