import { parseKeyRing, SecretEnvelopeCipher } from '@sentinel/crypto';
import type { OAuthClientCredentials } from '@sentinel/providers';
import type { CrmSyncEnv } from '../crm-sync.env';

export const CRM_CREDENTIALS_SETTINGS = Symbol('CRM_CREDENTIALS_SETTINGS');

export interface CrmCredentialsSettings {
  /** Null when INTEGRATION_ENCRYPTION_KEY is unset. */
  cipher: SecretEnvelopeCipher | null;
  hubspot: { apiUrl: string; oauthApp: OAuthClientCredentials | null };
  salesforce: { loginUrl: string; oauthApp: OAuthClientCredentials | null };
}

export function credentialsSettingsFrom(config: CrmSyncEnv): CrmCredentialsSettings {
  const app = (clientId?: string, clientSecret?: string) => (clientId && clientSecret ? { clientId, clientSecret } : null);
  return {
    cipher: config.INTEGRATION_ENCRYPTION_KEY ? new SecretEnvelopeCipher(parseKeyRing(config.INTEGRATION_ENCRYPTION_KEY)) : null,
    hubspot: { apiUrl: config.HUBSPOT_API_URL, oauthApp: app(config.HUBSPOT_CLIENT_ID, config.HUBSPOT_CLIENT_SECRET) },
    salesforce: { loginUrl: config.SALESFORCE_LOGIN_URL, oauthApp: app(config.SALESFORCE_CLIENT_ID, config.SALESFORCE_CLIENT_SECRET) },
  };
}
