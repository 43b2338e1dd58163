import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface SlackFakeUser {
  id: string;
  /** Absent for bots and for apps without `users:read.email`. */
  email?: string;
  isBot?: boolean;
}

/** Slack's token errors, as `{ ok: false, error }` with HTTP 200. */
export type SlackTokenError = 'invalid_auth' | 'token_revoked' | 'account_inactive' | 'not_authed';

export type SlackFakeMethod = 'users.info' | 'conversations.members';

interface RateLimit {
  retryAfterSeconds: number;
  /** Calls still to answer 429; Infinity until cleared. */
  remaining: number;
}

/**
 * An HTTP fake of the two Slack Web API methods the ingest worker calls, in Slack's wire format:
 * form-encoded POSTs to `<apiUrl><method>` with `Authorization: Bearer <token>`, answers
 * `{ ok: true, ... }` or `{ ok: false, error }` (HTTP 200), and 429 with `Retry-After` when
 * rate-limited. Point a real `WebClient` at it with `slackApiUrl: fake.apiUrl`.
 */
export class SlackWebApiFake {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private readonly tokens = new Map<string, { teamId: string; error?: SlackTokenError }>();
  private readonly users = new Map<string, SlackFakeUser>();
  private readonly members = new Map<string, string[]>();
  private readonly callCounts = new Map<string, number>();
  private rateLimit?: RateLimit;
  private networkDown = false;

  /** Base URL for `WebClient`'s `slackApiUrl` (ends with `/api/`, as Slack's does). */
  get apiUrl(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('Slack fake is not listening');
    return `http://127.0.0.1:${address.port}/api/`;
  }

  async start(port = 0): Promise<this> {
    const server = createServer((request, response) => void this.serve(request, response));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  addToken(token: string, teamId: string): void {
    this.tokens.set(token, { teamId });
  }

  /** Makes every later call with this token fail with a Slack token error. */
  revokeToken(token: string, error: SlackTokenError = 'token_revoked'): void {
    const entry = this.tokens.get(token);
    if (entry) entry.error = error;
  }

  addUser(user: SlackFakeUser): void {
    this.users.set(user.id, user);
  }

  setMembers(channelId: string, userIds: string[]): void {
    this.members.set(channelId, [...userIds]);
  }

  /** Answers the next `calls` calls (default: all until cleared) with 429 and `Retry-After`. */
  setRateLimited(retryAfterSeconds: number, calls = Number.POSITIVE_INFINITY): void {
    this.rateLimit = { retryAfterSeconds, remaining: calls };
  }

  clearRateLimit(): void {
    this.rateLimit = undefined;
  }

  /** While down, every request's connection is destroyed before an answer (a network failure). */
  setNetworkDown(down: boolean): void {
    this.networkDown = down;
  }

  /** Calls received per method, rate-limited and failed ones included. */
  calls(method: SlackFakeMethod): number {
    return this.callCounts.get(method) ?? 0;
  }

  resetCalls(): void {
    this.callCounts.clear();
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const method = new URL(request.url ?? '/', 'http://fake').pathname.replace(/^\/api\//, '');
    this.callCounts.set(method, (this.callCounts.get(method) ?? 0) + 1);
    if (this.networkDown) {
      request.socket.destroy();
      return;
    }
    if (this.rateLimit && this.rateLimit.remaining > 0) {
      this.rateLimit.remaining -= 1;
      response.writeHead(429, { 'Retry-After': String(this.rateLimit.retryAfterSeconds), 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    send(response, this.answer(method, request.headers.authorization, new URLSearchParams(body)));
  }

  private answer(method: string, authorization: string | undefined, params: URLSearchParams): object {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? params.get('token') ?? undefined;
    if (!token) return { ok: false, error: 'not_authed' };
    const entry = this.tokens.get(token);
    if (!entry) return { ok: false, error: 'invalid_auth' };
    if (entry.error) return { ok: false, error: entry.error };

    if (method === 'users.info') {
      const user = this.users.get(params.get('user') ?? '');
      if (!user) return { ok: false, error: 'user_not_found' };
      return {
        ok: true,
        user: {
          id: user.id,
          team_id: entry.teamId,
          is_bot: user.isBot ?? false,
          deleted: false,
          profile: user.email ? { email: user.email } : {},
        },
      };
    }
    if (method === 'conversations.members') {
      const members = this.members.get(params.get('channel') ?? '');
      if (!members) return { ok: false, error: 'channel_not_found' };
      const limit = Math.max(1, Math.min(1000, Number(params.get('limit') ?? 100) || 100));
      const cursor = params.get('cursor');
      const offset = Number(cursor ? Buffer.from(cursor, 'base64').toString('utf8') : 0) || 0;
      const page = members.slice(offset, offset + limit);
      const next = offset + limit < members.length ? Buffer.from(String(offset + limit)).toString('base64') : '';
      return { ok: true, members: page, response_metadata: { next_cursor: next } };
    }
    return { ok: false, error: 'unknown_method' };
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => resolve(body));
    request.on('error', () => resolve(body));
  });
}

function send(response: ServerResponse, body: object): void {
  response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}
