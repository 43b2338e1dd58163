import { EMPTY_AGGREGATE, applyFact } from '../aggregates/deal-aggregate';
import { DEFAULT_RISK_RULES } from '../rules/risk-rules.config';
import { riskLevelChange } from './risk-level-change';

const DAY = 86_400_000;
const now = new Date('2026-03-01T12:00:00Z');
const input = { stage: 'proposal', closeDate: null, stageSince: now.getTime() - DAY, linkedContacts: 2 };
const outbound = (daysAgo: number) => ({ source: 'gmail' as const, direction: 'outbound' as const, occurredAt: now.getTime() - daysAgo * DAY, contactIds: [] });
const inbound = (daysAgo: number, contact: string) => ({ source: 'calendar' as const, direction: 'inbound' as const, occurredAt: now.getTime() - daysAgo * DAY, contactIds: [contact] });

describe('riskLevelChange', () => {
  it('reports the move when new entries cross a level boundary', () => {
    // One outbound mail, no meeting: 20 (low). A second unanswered mail adds no_buyer_reply: 50 (medium).
    const before = applyFact(EMPTY_AGGREGATE, outbound(3));
    const after = applyFact(before, outbound(1));
    expect(riskLevelChange('deal-1', input, { before, after }, now, DEFAULT_RISK_RULES)).toEqual({
      deal_id: 'deal-1',
      previous_level: 'low',
      level: 'medium',
      previous_score: 20,
      score: 50,
      reason_codes: ['no_buyer_reply', 'no_recent_meeting'],
      assessed_at: now.toISOString(),
    });
  });

  it('reports nothing when the level stays, even if the score moves', () => {
    const before = applyFact(applyFact(EMPTY_AGGREGATE, outbound(3)), outbound(2));
    const after = applyFact(before, outbound(1));
    expect(riskLevelChange('deal-1', input, { before, after }, now, DEFAULT_RISK_RULES)).toBeNull();
    const met = applyFact(EMPTY_AGGREGATE, inbound(1, 'c1'));
    expect(riskLevelChange('deal-1', input, { before: met, after: applyFact(met, inbound(0, 'c2')) }, now, DEFAULT_RISK_RULES)).toBeNull();
  });

  it('reports a drop as well (a buyer reply and a meeting lower the risk)', () => {
    const before = applyFact(applyFact(EMPTY_AGGREGATE, outbound(3)), outbound(2));
    const after = applyFact(applyFact(before, inbound(1, 'c1')), inbound(0, 'c2'));
    expect(riskLevelChange('deal-1', input, { before, after }, now, DEFAULT_RISK_RULES)).toMatchObject({ previous_level: 'medium', level: 'low' });
  });
});
