import { randomBytes } from 'node:crypto';
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

export type SlackFakeMethod = 'users.info' | 'conversations.members' | 'oauth.v2.access';

/** Who approves the fake's consent page: a workspace and the installing user. */
export interface SlackFakeInstaller {
  teamId: string;
  userId: string;
}

interface PendingInstall extends SlackFakeInstaller {
  scope: string;
  userScope: string;
  redirectUri: string;
}

interface RateLimit {
  retryAfterSeconds: number;
  /** Calls still to answer 429; Infinity until cleared. */
  remaining: number;
}

/**
 * An HTTP fake of the Slack Web API methods ingest calls (`users.info`, `conversations.members`,
 * `oauth.v2.access`) and of the OAuth v2 consent page, in Slack's wire format:
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
  private readonly installs = new Map<string, PendingInstall>();
  private installer?: SlackFakeInstaller;
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

  /** Slack's consent page (`https://slack.com/oauth/v2/authorize`). */
  get authorizeUrl(): string {
    return this.apiUrl.replace(/\/api\/$/, '/oauth/v2/authorize');
  }

  /** The signed-in user whose consent the authorize page gives at once. */
  setInstaller(installer: SlackFakeInstaller): void {
    this.installer = installer;
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
    const url = new URL(request.url ?? '/', 'http://fake');
    if (request.method === 'GET' && url.pathname === '/oauth/v2/authorize') {
      this.authorize(url, response);
      return;
    }
    const method = url.pathname.replace(/^\/api\//, '');
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

  /** Approves at once for the installer: redirects with a one-time code and the untouched state. */
  private authorize(url: URL, response: ServerResponse): void {
    const redirectUri = url.searchParams.get('redirect_uri');
    if (!this.installer || !redirectUri || !url.searchParams.get('client_id')) {
      response.writeHead(400, { 'Content-Type': 'text/plain' });
      response.end('invalid_request: client_id and redirect_uri are required, and an installer must be set');
      return;
    }
    const code = `${randomBytes(6).toString('hex')}.${randomBytes(12).toString('hex')}`;
    this.installs.set(code, { ...this.installer, scope: url.searchParams.get('scope') ?? '', userScope: url.searchParams.get('user_scope') ?? '', redirectUri });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    target.searchParams.set('state', url.searchParams.get('state') ?? '');
    response.writeHead(302, { Location: target.toString() });
    response.end();
  }

  /** `oauth.v2.access`: a one-time code for a new bot token of the workspace (client credentials in the form or Basic auth). */
  private exchange(authorization: string | undefined, params: URLSearchParams): object {
    const basic = /^Basic (.+)$/.exec(authorization ?? '')?.[1];
    const [basicId] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
    if (!(params.get('client_id') ?? basicId) || !(params.get('client_secret') || basic)) return { ok: false, error: 'invalid_client_id' };
    const code = params.get('code') ?? '';
    const install = this.installs.get(code);
    if (!install) return { ok: false, error: 'invalid_code' };
    this.installs.delete(code);
    if (params.get('redirect_uri') !== install.redirectUri) return { ok: false, error: 'bad_redirect_uri' };
    const token = `xoxb-${install.teamId}-${randomBytes(12).toString('hex')}`;
    this.addToken(token, install.teamId);
    return {
      ok: true,
      app_id: 'A0FAKEAPP',
      authed_user: { id: install.userId, scope: install.userScope, token_type: 'user' },
      scope: install.scope,
      token_type: 'bot',
      access_token: token,
      bot_user_id: 'U0FAKEBOT',
      team: { id: install.teamId, name: 'Fake workspace' },
      enterprise: null,
      is_enterprise_install: false,
    };
  }

  private answer(method: string, authorization: string | undefined, params: URLSearchParams): object {
    if (method === 'oauth.v2.access') return this.exchange(authorization, params);
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
