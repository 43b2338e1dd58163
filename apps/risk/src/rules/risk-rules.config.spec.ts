import { DEFAULT_RISK_RULES, riskRulesFromEnv } from './risk-rules.config';

describe('riskRulesFromEnv', () => {
  it('uses the defaults without overrides', () => {
    expect(riskRulesFromEnv({})).toEqual(DEFAULT_RISK_RULES);
  });

  it('applies RISK_RULES_JSON, then the individual variables', () => {
    const rules = riskRulesFromEnv({
      RISK_RULES_JSON: JSON.stringify({ buyerSilent: { days: 10, weight: 40 }, closedStages: ['won'] }),
      RISK_BUYER_SILENT_DAYS: 7,
      RISK_LEVEL_HIGH: 80,
    });
    expect(rules.buyerSilent).toEqual({ days: 7, weight: 40 });
    expect(rules.closedStages).toEqual(['won']);
    expect(rules.levels).toEqual({ medium: 30, high: 80 });
    expect(DEFAULT_RISK_RULES.buyerSilent.days).toBe(14);
  });

  it.each([
    ['{not json', 'RISK_RULES_JSON is not valid JSON'],
    ['[]', 'RISK_RULES_JSON must be a JSON object'],
    ['{"mood":{}}', 'RISK_RULES_JSON has an unknown rule "mood"'],
    ['{"buyerSilent":{"hours":3}}', 'RISK_RULES_JSON has an unknown field "buyerSilent.hours"'],
    ['{"buyerSilent":{"days":"ten"}}', 'RISK_RULES_JSON buyerSilent.days must be a number >= 0'],
    ['{"levels":{"medium":70,"high":60}}', 'RISK_LEVEL_MEDIUM and RISK_LEVEL_HIGH must satisfy 0 < medium < high <= 100'],
  ])('refuses %s', (json, message) => {
    expect(() => riskRulesFromEnv({ RISK_RULES_JSON: json })).toThrow(`Invalid configuration: ${message}`);
  });
});
