import { loadConfig } from '@sentinel/config';
import { composeEnvironment, composeService, readComposeFile } from '@sentinel/testing';
import { CrmSyncEnv } from '../src/crm-sync.env';

describe('CrmSyncEnv OAuth variables', () => {
  // The compose stack's environment is a complete, valid one to vary.
  const base = composeEnvironment(composeService(readComposeFile(), 'crm-sync'));

  it.each([
    ['OAUTH_STATE_SECRET', 'only-31-bytes-long-secret-xxxxx'],
    ['OAUTH_CALLBACK_ORIGIN', 'http://localhost:3002/'],
    ['OAUTH_CALLBACK_ORIGIN', 'localhost:3002'],
    ['OAUTH_STATE_TTL_SECONDS', '7200'],
    ['OAUTH_COOKIE_SECURE', 'maybe'],
    ['HUBSPOT_AUTHORIZE_URL', 'not a url'],
    ['SALESFORCE_SYNC_LEADS', 'leads'],
  ])('stops the boot on a bad %s, naming it', (name, value) => {
    expect(() => loadConfig(CrmSyncEnv, { ...base, [name]: value })).toThrow(name);
  });

  it('accepts a 32-byte secret and an origin without a path', () => {
    const config = loadConfig(CrmSyncEnv, { ...base, OAUTH_STATE_SECRET: 'x'.repeat(32), OAUTH_CALLBACK_ORIGIN: 'https://crm.example.com' });
    expect(config.OAUTH_STATE_SECRET).toHaveLength(32);
    expect(config.OAUTH_CALLBACK_ORIGIN).toBe('https://crm.example.com');
  });

  it('defaults the cookie to Secure and a 10-minute flow', () => {
    const { OAUTH_COOKIE_SECURE: _secure, ...withoutSecure } = base;
    const config = loadConfig(CrmSyncEnv, withoutSecure);
    expect(config.OAUTH_COOKIE_SECURE).toBe(true);
    expect(config.OAUTH_STATE_TTL_SECONDS).toBe(600);
  });

  it('reads Salesforce Leads only when SALESFORCE_SYNC_LEADS says so', () => {
    expect(loadConfig(CrmSyncEnv, base).SALESFORCE_SYNC_LEADS).toBe(false);
    expect(loadConfig(CrmSyncEnv, { ...base, SALESFORCE_SYNC_LEADS: 'true' }).SALESFORCE_SYNC_LEADS).toBe(true);
  });
});
