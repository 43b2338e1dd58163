import { ConfigError } from '@sentinel/config';

/**
 * Every risk threshold and weight, in one typed object (documented in docs/risk-rules.md).
 * A rule's weight is the points it adds to the score when it fires; the score is capped at 100.
 */
export interface RiskRulesConfig {
  buyerSilent: { days: number; weight: number };
  noBuyerReply: { minOutbound: number; weight: number };
  singleContact: { weight: number };
  noRecentMeeting: { days: number; weight: number };
  closeDatePassed: { weight: number };
  stageStalled: { days: number; weight: number };
  repliesSlowing: { factor: number; minGapDays: number; minReplies: number; weight: number };
  /** Lowest score of each level; below `medium` is low. */
  levels: { medium: number; high: number };
  /** Stages of finished deals (compared case-, space- and underscore-insensitively): no risk. */
  closedStages: string[];
}

export const DEFAULT_RISK_RULES: RiskRulesConfig = {
  buyerSilent: { days: 14, weight: 30 },
  noBuyerReply: { minOutbound: 2, weight: 30 },
  singleContact: { weight: 15 },
  noRecentMeeting: { days: 21, weight: 20 },
  closeDatePassed: { weight: 25 },
  stageStalled: { days: 45, weight: 15 },
  repliesSlowing: { factor: 2, minGapDays: 3, minReplies: 3, weight: 15 },
  levels: { medium: 30, high: 60 },
  closedStages: ['closedwon', 'closedlost', 'Closed Won', 'Closed Lost'],
};

/** Individual variables, each overriding one field after RISK_RULES_JSON. */
export const RISK_RULE_VARIABLES = {
  RISK_BUYER_SILENT_DAYS: ['buyerSilent', 'days'],
  RISK_MEETING_GAP_DAYS: ['noRecentMeeting', 'days'],
  RISK_STAGE_STALLED_DAYS: ['stageStalled', 'days'],
  RISK_REPLY_SLOWDOWN_FACTOR: ['repliesSlowing', 'factor'],
  RISK_LEVEL_MEDIUM: ['levels', 'medium'],
  RISK_LEVEL_HIGH: ['levels', 'high'],
} as const;

export type RiskRuleVariable = keyof typeof RISK_RULE_VARIABLES;

export interface RiskRulesEnv extends Partial<Record<RiskRuleVariable, number>> {
  RISK_RULES_JSON?: string;
}

/** Defaults, then RISK_RULES_JSON (a partial object), then the individual variables; validated. */
export function riskRulesFromEnv(env: RiskRulesEnv): RiskRulesConfig {
  const rules = structuredClone(DEFAULT_RISK_RULES) as unknown as Record<string, Record<string, unknown>>;
  if (env.RISK_RULES_JSON) {
    let override: unknown;
    try {
      override = JSON.parse(env.RISK_RULES_JSON);
    } catch {
      throw new ConfigError('RISK_RULES_JSON', 'is not valid JSON');
    }
    if (!isRecord(override)) throw new ConfigError('RISK_RULES_JSON', 'must be a JSON object');
    for (const [section, value] of Object.entries(override)) {
      if (!(section in rules)) throw new ConfigError('RISK_RULES_JSON', `has an unknown rule "${section}"`);
      if (section === 'closedStages') {
        if (!Array.isArray(value) || !value.every((stage) => typeof stage === 'string')) {
          throw new ConfigError('RISK_RULES_JSON', 'closedStages must be a list of strings');
        }
        (rules as Record<string, unknown>)[section] = value;
        continue;
      }
      if (!isRecord(value)) throw new ConfigError('RISK_RULES_JSON', `${section} must be an object`);
      for (const [field, number] of Object.entries(value)) {
        if (!(field in rules[section])) throw new ConfigError('RISK_RULES_JSON', `has an unknown field "${section}.${field}"`);
        rules[section][field] = number;
      }
    }
  }
  for (const [variable, [section, field]] of Object.entries(RISK_RULE_VARIABLES)) {
    const value = env[variable as RiskRuleVariable];
    if (value !== undefined) rules[section][field] = value;
  }
  const config = rules as unknown as RiskRulesConfig;
  assertValid(config);
  return config;
}

function assertValid(config: RiskRulesConfig): void {
  for (const [section, fields] of Object.entries(config)) {
    if (section === 'closedStages') continue;
    for (const [field, value] of Object.entries(fields as Record<string, unknown>)) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw new ConfigError('RISK_RULES_JSON', `${section}.${field} must be a number >= 0`);
      }
    }
  }
  if (!(config.levels.medium > 0 && config.levels.medium < config.levels.high && config.levels.high <= 100)) {
    throw new ConfigError('RISK_LEVEL_MEDIUM', 'and RISK_LEVEL_HIGH must satisfy 0 < medium < high <= 100');
  }
  if (config.repliesSlowing.factor <= 1) throw new ConfigError('RISK_REPLY_SLOWDOWN_FACTOR', 'must be above 1');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Injection token of the service's RiskRulesConfig. */
export const RISK_RULES = Symbol('risk.rules');
