import { loadConfig } from '@sentinel/config';
import { RiskEnv } from '../src/risk.env';

const BASE = {
  TENANT_ID: 'acme',
  PORT: '3004',
  DATABASE_URL: 'postgres://sentinel@localhost/sentinel',
  REDIS_URL: 'redis://localhost:6379',
  RABBITMQ_URL: 'amqp://localhost',
  IDENTITY_URL: 'http://identity.local',
  IDENTITY_ISSUER: 'http://identity.local',
  SYSTEM_API_TOKEN: 'x'.repeat(40),
};

describe('RiskEnv rule variables', () => {
  it('accepts overrides that make valid rules', () => {
    const config = loadConfig(RiskEnv, { ...BASE, RISK_RULES_JSON: '{"buyerSilent":{"days":10}}', RISK_BUYER_SILENT_DAYS: '7', RISK_REPLY_SLOWDOWN_FACTOR: '2.5' });
    expect(config).toMatchObject({ RISK_BUYER_SILENT_DAYS: 7, RISK_REPLY_SLOWDOWN_FACTOR: 2.5 });
  });

  it.each([
    [{ RISK_RULES_JSON: '{oops' }, 'Invalid configuration: RISK_RULES_JSON is not valid JSON'],
    [{ RISK_BUYER_SILENT_DAYS: 'ten' }, 'Invalid configuration: RISK_BUYER_SILENT_DAYS must'],
    [
      { RISK_LEVEL_MEDIUM: '70' },
      'Invalid configuration: RISK_RULES_JSON with the RISK_* variables gives invalid rules: RISK_LEVEL_MEDIUM and RISK_LEVEL_HIGH must satisfy 0 < medium < high <= 100',
    ],
  ])('stops the boot on %j, naming the variable', (env, message) => {
    expect(() => loadConfig(RiskEnv, { ...BASE, ...env })).toThrow(message);
  });
});
