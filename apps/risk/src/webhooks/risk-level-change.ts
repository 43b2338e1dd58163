import type { DealAggregate } from '../aggregates/deal-aggregate';
import { assessRisk, type RiskInput } from '../rules/risk-rules';
import type { RiskRulesConfig } from '../rules/risk-rules.config';
import type { RiskLevelChangedPayload } from './webhook-events';

/** A deal's aggregate before and after one batch of new timeline entries. */
export interface AggregateChange {
  dealId: string;
  before: DealAggregate;
  after: DealAggregate;
}

/**
 * The `risk.level_changed` payload when the new entries moved the deal's level at `now`, else
 * null. Both sides are judged at the same instant, so only the events (not the passing of time)
 * can make them differ.
 */
export function riskLevelChange(
  dealId: string,
  input: Omit<RiskInput, 'aggregate'>,
  change: Pick<AggregateChange, 'before' | 'after'>,
  now: Date,
  rules: RiskRulesConfig,
): RiskLevelChangedPayload | null {
  const before = assessRisk({ ...input, aggregate: change.before }, now, rules);
  const after = assessRisk({ ...input, aggregate: change.after }, now, rules);
  if (before.level === after.level) return null;
  return {
    deal_id: dealId,
    previous_level: before.level,
    level: after.level,
    previous_score: before.score,
    score: after.score,
    reason_codes: after.reasons.map((reason) => reason.code),
    assessed_at: after.assessed_at,
  };
}
