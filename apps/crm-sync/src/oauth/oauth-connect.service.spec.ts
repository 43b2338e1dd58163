import type { AuditTrail } from '@sentinel/audit';
import { parseKeyRing, SecretEnvelopeCipher } from '@sentinel/crypto';
import { callbackQueryFrom, readStateCookie } from '@sentinel/platform';
import { randomBytes } from 'node:crypto';
import type { CrmCredentialsSettings } from '../credentials/crm-credentials.settings';
import { IntegrationTokenVault } from '../credentials/integration-token.vault';
import { CrmSyncHttpError, CrmSyncHttpErrorCode } from '../errors/crm-sync-http.error';
import type { IntegrationAdminRepository } from '../integrations/integration-admin.repository';
import type { SyncTriggerService } from '../sync/sync-trigger.service';
import type { OAuthCodeExchange } from './oauth-code-exchange';
import { OAuthConnectService } from './oauth-connect.service';
import type { OAuthSettings } from './oauth.settings';

const app = { clientId: 'id', clientSecret: 'secret' };
const settings: OAuthSettings = {
  stateSecret: 'unit-test-oauth-state-secret-0123456789',
  callbackOrigin: 'https://crm.example.test',
  stateTtlSeconds: 600,
  cookieSecure: true,
  authorizeUrl: { hubspot: 'https://app.hubspot.test/oauth/authorize', salesforce: 'https://login.salesforce.test/services/oauth2/authorize' },
};
const credentials: CrmCredentialsSettings = {
  cipher: new SecretEnvelopeCipher(parseKeyRing(randomBytes(32).toString('base64'))),
  hubspot: { apiUrl: 'https://api.hubapi.test', oauthApp: app },
  salesforce: { loginUrl: 'https://login.salesforce.test', oauthApp: app },
};

function service(overrides: { settings?: Partial<OAuthSettings>; credentials?: Partial<CrmCredentialsSettings> } = {}): OAuthConnectService {
  const merged = { ...credentials, ...overrides.credentials };
  return new OAuthConnectService(
    { ...settings, ...overrides.settings },
    merged,
    {} as OAuthCodeExchange,
    new IntegrationTokenVault(merged),
    {} as IntegrationAdminRepository,
    {} as SyncTriggerService,
    {} as AuditTrail,
  );
}

const cookieWriter = () => ({ cookie: jest.fn(), clearCookie: jest.fn() });

describe('OAuthConnectService.start', () => {
  it('sets a Secure, HttpOnly, Lax cookie on /oauth when configured for https', () => {
    const response = cookieWriter();
    service().start('user-alice', 'hubspot', response as never);
    expect(response.cookie).toHaveBeenCalledWith('sentinel_oauth_state', expect.any(String), {
      httpOnly: true,
      secure: true,
      sameSite: 'lax',
      path: '/oauth',
      maxAge: 600_000,
    });
  });

  it.each([
    ['no state secret', { settings: { stateSecret: null } }],
    ['no callback origin', { settings: { callbackOrigin: null } }],
    ['no provider app', { credentials: { hubspot: { apiUrl: 'https://api.hubapi.test', oauthApp: null } } }],
    ['no encryption key', { credentials: { cipher: null } }],
  ])('refuses to start a flow with %s (503 oauth_not_configured) and sets no cookie', (_label, overrides) => {
    const response = cookieWriter();
    const start = () => service(overrides).start('user-alice', 'hubspot', response as never);
    expect(start).toThrow(CrmSyncHttpError);
    expect(start).toThrow(expect.objectContaining({ code: CrmSyncHttpErrorCode.OAuthNotConfigured, status: 503 }));
    expect(response.cookie).not.toHaveBeenCalled();
  });
});

describe('callback input', () => {
  it('keeps single string parameters only', () => {
    expect(callbackQueryFrom({ code: 'c', state: ['a', 'b'], error: 'x'.repeat(5000), sfdc_community_url: 'u' })).toEqual({ code: 'c', state: undefined, error: undefined });
  });

  it('reads the state cookie among others', () => {
    expect(readStateCookie({ headers: { cookie: 'a=1; sentinel_oauth_state=abc.def; b=2' } })).toBe('abc.def');
    expect(readStateCookie({ headers: { cookie: 'sentinel_oauth_state_other=1' } })).toBeUndefined();
    expect(readStateCookie({ headers: {} })).toBeUndefined();
  });
});
