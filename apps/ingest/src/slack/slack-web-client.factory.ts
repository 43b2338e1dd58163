import { LogLevel, WebClient, type Logger } from '@slack/web-api';

export interface SlackWebClientSettings {
  apiUrl: string;
  timeoutMs: number;
}

// The client's own logging would print request URLs and bodies at debug level: keep it silent.
const SILENT_LOGGER: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

/**
 * The real `@slack/web-api` client for one bot token (none for `oauth.v2.access`). No client-side retries and rate limits
 * rejected at once: a slow answer must not hold a micro-batch, the broker's delayed retry queue
 * is the one place that backs off.
 */
export function createSlackWebClient(token: string | undefined, settings: SlackWebClientSettings): WebClient {
  return new WebClient(token, {
    slackApiUrl: settings.apiUrl,
    timeout: settings.timeoutMs,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: SILENT_LOGGER,
  });
}
