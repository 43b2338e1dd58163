import { EMPTY_AGGREGATE, type DealAggregate } from '../aggregates/deal-aggregate';
import type { Clock } from '../clock';
import type { RiskReasonCode } from './risk-assessment';
import { assessRisk, type RiskInput } from './risk-rules';
import { DEFAULT_RISK_RULES } from './risk-rules.config';

const DAY = 86_400_000;
/** The injected clock every case is judged at. */
const clock: Clock = { now: () => new Date('2026-11-22T12:00:00Z') };
const daysAgo = (days: number) => clock.now().getTime() - days * DAY;
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

/** A healthy deal: recent replies from two contacts, a recent meeting, a future close date. */
function healthy(aggregate: Partial<DealAggregate> = {}, deal: Partial<RiskInput> = {}): RiskInput {
  return {
    stage: 'proposal',
    closeDate: '2026-12-31',
    stageSince: daysAgo(10),
    linkedContacts: 3,
    aggregate: {
      ...EMPTY_AGGREGATE,
      inboundCount: 4,
      outboundCount: 4,
      firstInboundAt: daysAgo(12),
      previousInboundAt: daysAgo(6),
      lastInboundAt: daysAgo(3),
      lastOutboundAt: daysAgo(2),
      lastMeetingAt: daysAgo(5),
      engagedContactIds: [A, B],
      ...aggregate,
    },
    ...deal,
  };
}

const codes = (input: RiskInput) => assessRisk(input, clock.now(), DEFAULT_RISK_RULES).reasons.map((reason) => reason.code);
const reason = (input: RiskInput, code: RiskReasonCode) => assessRisk(input, clock.now(), DEFAULT_RISK_RULES).reasons.find((item) => item.code === code);

describe('risk rules (clock 2026-11-22T12:00Z)', () => {
  it('a healthy deal is low risk with no reasons', () => {
    expect(assessRisk(healthy(), clock.now(), DEFAULT_RISK_RULES)).toEqual({ score: 0, level: 'low', reasons: [], assessed_at: '2026-11-22T12:00:00.000Z' });
  });

  it('buyer_silent fires at 14 days without a reply, with the days and last reply date', () => {
    expect(codes(healthy({ lastInboundAt: daysAgo(13), previousInboundAt: daysAgo(12.5) }))).not.toContain('buyer_silent');
    const silent = reason(healthy({ lastInboundAt: daysAgo(16), previousInboundAt: daysAgo(17), firstInboundAt: daysAgo(20) }), 'buyer_silent');
    expect(silent).toMatchObject({ points: 30, facts: { days_silent: 16, threshold_days: 14 } });
    expect(silent?.message).toBe('The buyer has been silent for 16 days (last reply on 2026-11-06).');
  });

  it('no_buyer_reply fires when nothing came back to two or more messages', () => {
    const input = healthy({ inboundCount: 0, firstInboundAt: null, previousInboundAt: null, lastInboundAt: null, engagedContactIds: [], outboundCount: 3 });
    expect(reason(input, 'no_buyer_reply')?.message).toBe('The buyer has not replied to any of the 3 messages sent.');
    expect(codes({ ...input, aggregate: { ...input.aggregate, outboundCount: 1 } })).not.toContain('no_buyer_reply');
  });

  it('single_contact_engaged fires when exactly one contact replied', () => {
    expect(reason(healthy({ engagedContactIds: [A] }), 'single_contact_engaged')?.message).toBe(
      'Only one contact has engaged with this deal (1 of 3 linked contacts).',
    );
    expect(codes(healthy())).not.toContain('single_contact_engaged');
  });

  it('no_recent_meeting fires after 21 days, and when no meeting is on record', () => {
    expect(codes(healthy({ lastMeetingAt: daysAgo(20) }))).not.toContain('no_recent_meeting');
    expect(reason(healthy({ lastMeetingAt: daysAgo(21) }), 'no_recent_meeting')?.message).toBe('No meeting in 21 days (last on 2026-11-01).');
    expect(reason(healthy({ lastMeetingAt: null }), 'no_recent_meeting')?.facts).toMatchObject({ days_since_meeting: null });
  });

  it('close_date_passed fires the day after the close date', () => {
    expect(codes(healthy({}, { closeDate: '2026-11-22' }))).not.toContain('close_date_passed');
    expect(reason(healthy({}, { closeDate: '2026-11-21' }), 'close_date_passed')?.facts).toEqual({ days_overdue: 1, close_date: '2026-11-21' });
    expect(reason(healthy({}, { closeDate: '2026-11-17' }), 'close_date_passed')?.message).toBe(
      'The close date passed 5 days ago (2026-11-17) and the deal is still open.',
    );
  });

  it('stage_stalled fires after 45 days in one stage', () => {
    expect(codes(healthy({}, { stageSince: daysAgo(44) }))).not.toContain('stage_stalled');
    expect(reason(healthy({}, { stageSince: daysAgo(45) }), 'stage_stalled')?.message).toBe('The stage "proposal" has not changed for 45 days.');
  });

  it('replies_slowing compares the newest reply gap with the earlier average', () => {
    // Replies 2 days apart (days 13, 11, 9), then 9 days: 9 >= 2 x 2.
    const slowing = healthy({ inboundCount: 4, firstInboundAt: daysAgo(13), previousInboundAt: daysAgo(9), lastInboundAt: daysAgo(0) });
    expect(reason(slowing, 'replies_slowing')).toMatchObject({ facts: { latest_gap_days: 9, average_gap_days: 2, factor: 2 } });
    expect(reason(slowing, 'replies_slowing')?.message).toBe(
      "Replies are slowing: the buyer's last reply came 9 days after the one before, against 2 days on average earlier.",
    );
    expect(codes(healthy({ inboundCount: 4, firstInboundAt: daysAgo(13), previousInboundAt: daysAgo(9), lastInboundAt: daysAgo(6) }))).not.toContain(
      'replies_slowing',
    );
    expect(codes(healthy({ inboundCount: 2, firstInboundAt: daysAgo(12), previousInboundAt: daysAgo(12), lastInboundAt: daysAgo(0) }))).not.toContain(
      'replies_slowing',
    );
  });

  it('adds the weights into a capped score and a level', () => {
    const bad = healthy(
      { lastInboundAt: daysAgo(30), previousInboundAt: daysAgo(31), firstInboundAt: daysAgo(33), engagedContactIds: [A], lastMeetingAt: null },
      { closeDate: '2026-10-01', stageSince: daysAgo(90) },
    );
    const assessment = assessRisk(bad, clock.now(), DEFAULT_RISK_RULES);
    expect(assessment.reasons.map((item) => item.code)).toEqual(['buyer_silent', 'single_contact_engaged', 'no_recent_meeting', 'close_date_passed', 'stage_stalled']);
    expect(assessment).toMatchObject({ score: 100, level: 'high' });
    expect(assessRisk(healthy({ lastMeetingAt: null }, { closeDate: '2026-11-01' }), clock.now(), DEFAULT_RISK_RULES)).toMatchObject({ score: 45, level: 'medium' });
  });

  it('a closed deal carries no risk, whatever its history', () => {
    expect(assessRisk(healthy({ lastMeetingAt: null }, { stage: 'Closed Won', closeDate: '2020-01-01' }), clock.now(), DEFAULT_RISK_RULES)).toMatchObject({
      score: 0,
      reasons: [],
    });
  });

  it('follows the configured thresholds and weights', () => {
    const rules = { ...DEFAULT_RISK_RULES, buyerSilent: { days: 2, weight: 70 } };
    expect(assessRisk(healthy(), clock.now(), rules)).toMatchObject({ score: 70, level: 'high' });
  });
});
