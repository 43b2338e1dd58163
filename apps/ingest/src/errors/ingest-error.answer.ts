import { BotTokenRejectedError } from './bot.errors';
import { GooglePushRejectedError } from './google-push.errors';
import type { IngestError } from './ingest.error';
import { SlackRequestRejectedError } from './slack-request-rejected.error';

/** The HTTP answer to an ingest domain error raised by a receiver. */
export interface IngestErrorAnswer {
  status: number;
  /** A code and, for a refused request, a reason token: no internals. */
  body: { error: string; reason?: string };
  headers: Record<string, string>;
}

export function ingestErrorAnswer(error: IngestError): IngestErrorAnswer {
  const body: IngestErrorAnswer['body'] = { error: error.code };
  if (error instanceof SlackRequestRejectedError || error instanceof GooglePushRejectedError || error instanceof BotTokenRejectedError) {
    body.reason = error.reason;
  }
  // RFC 9110: a 401 names the scheme it expects.
  const headers: Record<string, string> = error instanceof BotTokenRejectedError ? { 'WWW-Authenticate': 'Bot' } : {};
  return { status: error.getStatus(), body, headers };
}
