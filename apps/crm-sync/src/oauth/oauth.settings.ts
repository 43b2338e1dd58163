import type { CrmProvider } from '@sentinel/persistence';
import type { CrmSyncEnv } from '../crm-sync.env';

export const OAUTH_SETTINGS = Symbol('OAUTH_SETTINGS');

export interface OAuthSettings {
  /** Null while OAUTH_STATE_SECRET is unset: connect flows are refused (503). */
  stateSecret: string | null;
  /** Null while OAUTH_CALLBACK_ORIGIN is unset. */
  callbackOrigin: string | null;
  stateTtlSeconds: number;
  cookieSecure: boolean;
  authorizeUrl: Record<CrmProvider, string>;
}

export function oauthSettingsFrom(config: CrmSyncEnv): OAuthSettings {
  return {
    stateSecret: config.OAUTH_STATE_SECRET ?? null,
    callbackOrigin: config.OAUTH_CALLBACK_ORIGIN ?? null,
    stateTtlSeconds: config.OAUTH_STATE_TTL_SECONDS,
    cookieSecure: config.OAUTH_COOKIE_SECURE,
    authorizeUrl: {
      hubspot: config.HUBSPOT_AUTHORIZE_URL,
      salesforce: `${config.SALESFORCE_LOGIN_URL.replace(/\/+$/, '')}/services/oauth2/authorize`,
    },
  };
}

/** Where the provider sends the browser back; identical in the authorize request and the code exchange. */
export function callbackUri(origin: string, provider: CrmProvider): string {
  return `${origin}/oauth/${provider}/callback`;
}
