import { slackSignatureHeaders } from './slack-request.signer';

export interface SlackSendOptions {
  /** Overrides the sender's signing secret (e.g. a wrong one). */
  secret?: string;
  /** Unix seconds written to the timestamp header and signed. */
  timestamp?: number;
  /** Replace or drop headers after signing; `undefined` removes one. */
  headers?: Record<string, string | undefined>;
}

export interface SlackSendResult {
  status: number;
  body: string;
}

/**
 * Delivers Events API requests to a receiver the way Slack does: a JSON POST whose exact bytes are
 * signed with the app's signing secret. Objects are serialized once and those bytes are both signed
 * and sent; pass a string to control the bytes yourself.
 */
export class SlackEventSender {
  constructor(
    private readonly url: string,
    private readonly signingSecret: string,
  ) {}

  async send(payload: object | string, options: SlackSendOptions = {}): Promise<SlackSendResult> {
    const raw = typeof payload === 'string' ? payload : JSON.stringify(payload);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      ...slackSignatureHeaders(options.secret ?? this.signingSecret, raw, options.timestamp),
    };
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (value === undefined) delete headers[name.toLowerCase()];
      else headers[name.toLowerCase()] = value;
    }
    const response = await fetch(this.url, { method: 'POST', headers, body: raw });
    return { status: response.status, body: await response.text() };
  }
}
