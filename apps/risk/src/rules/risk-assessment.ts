export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const RISK_REASON_CODES = [
  'buyer_silent',
  'no_buyer_reply',
  'single_contact_engaged',
  'no_recent_meeting',
  'close_date_passed',
  'stage_stalled',
  'replies_slowing',
] as const;
export type RiskReasonCode = (typeof RISK_REASON_CODES)[number];

/** One fired rule: a stable code, a sentence for a salesperson, and the numbers behind it. */
export interface RiskReason {
  code: RiskReasonCode;
  message: string;
  points: number;
  facts: Record<string, number | string | null>;
}

export interface RiskAssessment {
  score: number;
  level: RiskLevel;
  reasons: RiskReason[];
  assessed_at: string;
}
