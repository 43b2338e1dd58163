import type { OAuthClientCredentials } from '@sentinel/providers';
import type { IngestEnv } from '../ingest.env';
import type { SourceProvider } from './source-provider.param';

export const SOURCE_OAUTH_SETTINGS = Symbol('SOURCE_OAUTH_SETTINGS');

export interface SourceOAuthSettings {
  /** Null while OAUTH_STATE_SECRET is unset: connect flows are refused (503). */
  stateSecret: string | null;
  /** Null while OAUTH_CALLBACK_ORIGIN is unset. */
  callbackOrigin: string | null;
  stateTtlSeconds: number;
  cookieSecure: boolean;
  google: { authorizeUrl: string; tokenUrl: string; apiUrl: string; app: OAuthClientCredentials | null };
  slack: { authorizeUrl: string; apiUrl: string; timeoutMs: number; app: OAuthClientCredentials | null };
}

export function sourceOAuthSettingsFrom(config: IngestEnv): SourceOAuthSettings {
  const app = (clientId?: string, clientSecret?: string) => (clientId && clientSecret ? { clientId, clientSecret } : null);
  return {
    stateSecret: config.OAUTH_STATE_SECRET ?? null,
    callbackOrigin: config.OAUTH_CALLBACK_ORIGIN ?? null,
    stateTtlSeconds: config.OAUTH_STATE_TTL_SECONDS,
    cookieSecure: config.OAUTH_COOKIE_SECURE,
    google: {
      authorizeUrl: config.GOOGLE_AUTHORIZE_URL,
      tokenUrl: config.GOOGLE_TOKEN_URL,
      apiUrl: config.GOOGLE_API_URL,
      app: app(config.GOOGLE_CLIENT_ID, config.GOOGLE_CLIENT_SECRET),
    },
    slack: {
      authorizeUrl: config.SLACK_AUTHORIZE_URL,
      apiUrl: config.SLACK_API_URL,
      timeoutMs: config.SLACK_API_TIMEOUT_MS,
      app: app(config.SLACK_CLIENT_ID, config.SLACK_CLIENT_SECRET),
    },
  };
}

/** Where the provider sends the browser back; identical in the authorize request and the code exchange. */
export function sourceCallbackUri(origin: string, provider: SourceProvider): string {
  return `${origin}/oauth/${provider}/callback`;
}
