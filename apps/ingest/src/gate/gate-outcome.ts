/** The gate's only outcome tokens, in metrics and logs alike. */
export const GATE_OUTCOMES = ['passed', 'dropped_no_crm_match', 'dropped_self_user', 'fail_closed', 'duplicate_event'] as const;
export type GateOutcome = (typeof GATE_OUTCOMES)[number];
