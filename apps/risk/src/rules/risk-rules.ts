import type { DealAggregate } from '../aggregates/deal-aggregate';
import type { RiskAssessment, RiskLevel, RiskReason } from './risk-assessment';
import type { RiskRulesConfig } from './risk-rules.config';

const DAY_MS = 86_400_000;

/** What the rules read about one deal: its CRM fields and its aggregates, nothing per event. */
export interface RiskInput {
  stage: string | null;
  /** `YYYY-MM-DD`, as the CRM gives it. */
  closeDate: string | null;
  stageSince: number | null;
  linkedContacts: number;
  aggregate: DealAggregate;
}

/** Scores one deal at `now`. Pure: the same input, clock and config always give the same answer. */
export function assessRisk(input: RiskInput, now: Date, rules: RiskRulesConfig): RiskAssessment {
  const reasons = isClosed(input.stage, rules) ? [] : firedRules(input, now.getTime(), rules);
  const score = Math.min(100, reasons.reduce((sum, reason) => sum + reason.points, 0));
  return { score, level: levelOf(score, rules), reasons, assessed_at: now.toISOString() };
}

export function levelOf(score: number, rules: RiskRulesConfig): RiskLevel {
  if (score >= rules.levels.high) return 'high';
  if (score >= rules.levels.medium) return 'medium';
  return 'low';
}

function firedRules(input: RiskInput, now: number, rules: RiskRulesConfig): RiskReason[] {
  const { aggregate } = input;
  const reasons: RiskReason[] = [];
  const add = (reason: RiskReason) => reason.points > 0 && reasons.push(reason);

  if (aggregate.lastInboundAt !== null) {
    const silent = daysBetween(aggregate.lastInboundAt, now);
    if (silent >= rules.buyerSilent.days) {
      add({
        code: 'buyer_silent',
        message: `The buyer has been silent for ${plural(silent, 'day')} (last reply on ${dateOf(aggregate.lastInboundAt)}).`,
        points: rules.buyerSilent.weight,
        facts: { days_silent: silent, last_inbound_at: isoOf(aggregate.lastInboundAt), threshold_days: rules.buyerSilent.days },
      });
    }
  } else if (aggregate.outboundCount >= rules.noBuyerReply.minOutbound) {
    add({
      code: 'no_buyer_reply',
      message: `The buyer has not replied to any of the ${aggregate.outboundCount} messages sent.`,
      points: rules.noBuyerReply.weight,
      facts: { outbound_messages: aggregate.outboundCount, threshold_messages: rules.noBuyerReply.minOutbound },
    });
  }

  if (aggregate.engagedContactIds.length === 1) {
    add({
      code: 'single_contact_engaged',
      message: `Only one contact has engaged with this deal (1 of ${plural(Math.max(1, input.linkedContacts), 'linked contact')}).`,
      points: rules.singleContact.weight,
      facts: { engaged_contacts: 1, linked_contacts: input.linkedContacts },
    });
  }

  if (aggregate.lastMeetingAt === null) {
    add({
      code: 'no_recent_meeting',
      message: 'No meeting is on record for this deal.',
      points: rules.noRecentMeeting.weight,
      facts: { days_since_meeting: null, last_meeting_at: null, threshold_days: rules.noRecentMeeting.days },
    });
  } else {
    const since = daysBetween(aggregate.lastMeetingAt, now);
    if (since >= rules.noRecentMeeting.days) {
      add({
        code: 'no_recent_meeting',
        message: `No meeting in ${plural(since, 'day')} (last on ${dateOf(aggregate.lastMeetingAt)}).`,
        points: rules.noRecentMeeting.weight,
        facts: { days_since_meeting: since, last_meeting_at: isoOf(aggregate.lastMeetingAt), threshold_days: rules.noRecentMeeting.days },
      });
    }
  }

  if (input.closeDate !== null) {
    // The close date is a calendar day: it has passed once that whole day (UTC) is over.
    const dayAfterClose = Date.parse(`${input.closeDate}T00:00:00Z`) + DAY_MS;
    if (now >= dayAfterClose) {
      const overdue = daysBetween(dayAfterClose, now) + 1;
      add({
        code: 'close_date_passed',
        message: `The close date passed ${plural(overdue, 'day')} ago (${input.closeDate}) and the deal is still open.`,
        points: rules.closeDatePassed.weight,
        facts: { days_overdue: overdue, close_date: input.closeDate },
      });
    }
  }

  if (input.stageSince !== null) {
    const unchanged = daysBetween(input.stageSince, now);
    if (unchanged >= rules.stageStalled.days) {
      add({
        code: 'stage_stalled',
        message: `The stage${input.stage ? ` "${input.stage}"` : ''} has not changed for ${plural(unchanged, 'day')}.`,
        points: rules.stageStalled.weight,
        facts: { days_in_stage: unchanged, stage: input.stage, threshold_days: rules.stageStalled.days },
      });
    }
  }

  const slowing = replySlowdown(aggregate, rules);
  if (slowing) {
    add({
      code: 'replies_slowing',
      message: `Replies are slowing: the buyer's last reply came ${plural(slowing.latestDays, 'day')} after the one before, against ${plural(slowing.averageDays, 'day')} on average earlier.`,
      points: rules.repliesSlowing.weight,
      facts: { latest_gap_days: slowing.latestDays, average_gap_days: slowing.averageDays, factor: rules.repliesSlowing.factor },
    });
  }
  return reasons;
}

/** Newest gap between buyer replies against the mean of the earlier gaps ((previous - first) / (n - 2)). */
function replySlowdown(aggregate: DealAggregate, rules: RiskRulesConfig): { latestDays: number; averageDays: number } | null {
  const { inboundCount, firstInboundAt, previousInboundAt, lastInboundAt } = aggregate;
  if (inboundCount < Math.max(3, rules.repliesSlowing.minReplies) || firstInboundAt === null || previousInboundAt === null || lastInboundAt === null) {
    return null;
  }
  const latest = (lastInboundAt - previousInboundAt) / DAY_MS;
  const average = (previousInboundAt - firstInboundAt) / (inboundCount - 2) / DAY_MS;
  if (latest < rules.repliesSlowing.minGapDays || latest < rules.repliesSlowing.factor * average) return null;
  return { latestDays: round1(latest), averageDays: round1(average) };
}

function isClosed(stage: string | null, rules: RiskRulesConfig): boolean {
  if (stage === null) return false;
  const key = normalizeStage(stage);
  return rules.closedStages.some((closed) => normalizeStage(closed) === key);
}

function normalizeStage(stage: string): string {
  return stage.toLowerCase().replace(/[\s_-]/g, '');
}

function daysBetween(from: number, to: number): number {
  return Math.floor((to - from) / DAY_MS);
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}

function dateOf(ms: number): string {
  return isoOf(ms).slice(0, 10);
}
