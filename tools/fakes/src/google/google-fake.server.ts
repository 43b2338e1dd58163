import { FakeHttpServer, type FakeRequest, type FakeResponse, type FakeRoute } from '../http/fake-http.server';
import type { FaultSpec } from '../http/fault-injector';
import { ProviderFake } from '../http/provider-fake.base';
import { TokenRegistry } from '../http/token-registry';
import { FakeCalendar, FakeMailbox, type FakeCalendarEvent, type FakeGmailMessage } from './google-fake.store';
import { GooglePushSigner } from './google-push.signer';
import { calendarEventWire, gmailMessageWire, googleError, NOT_FOUND } from './google-wire.format';

export const GOOGLE_ACCESS_TOKEN_LIFETIME_SECONDS = 3599;
const WATCH_LIFETIME_MS = 7 * 86_400_000;
const DAY_MS = 86_400_000;

export type GoogleFakeRoute =
  | 'oauth.authorize'
  | 'oauth.token'
  | 'oauth.certs'
  | 'gmail.profile'
  | 'gmail.sendAs.list'
  | 'gmail.watch'
  | 'gmail.history.list'
  | 'gmail.messages.list'
  | 'gmail.messages.get'
  | 'gmail.attachments.get'
  | 'calendar.calendars.get'
  | 'calendar.events.list';

/** What a consent granted: the scopes, and the redirect URI the token exchange must repeat. */
export interface GoogleFakeGrant {
  scopes: string[];
  redirectUri?: string;
}

/** Scopes a code issued without a consent page stands for. */
const DEFAULT_SCOPES = ['https://www.googleapis.com/auth/gmail.readonly', 'https://www.googleapis.com/auth/calendar.readonly'];

/**
 * Google's consent page (approves at once for the account named by `login_hint`), OAuth token
 * endpoint, the Gmail v1 read routes and Calendar v3 `events.list`, in their
 * wire formats, for the real `googleapis` clients (point `rootUrl` at `url`, and the OAuth2 client's
 * `endpoints.oauth2TokenUrl` at `tokenUrl`). Each access token belongs to one account, whose mailbox
 * and primary calendar it reads. Read-only: there is no write route to call.
 */
export class GoogleFake extends ProviderFake<GoogleFakeRoute> {
  readonly tokens = new TokenRegistry('google');
  /** Signs Pub/Sub push tokens; its keys are served at `jwksUrl`. */
  readonly push = new GooglePushSigner();
  private readonly accountByToken = new Map<string, string>();
  private readonly grantByToken = new Map<string, GoogleFakeGrant>();
  private readonly mailboxes = new Map<string, FakeMailbox>();
  private readonly calendars = new Map<string, FakeCalendar>();
  protected override readonly http: FakeHttpServer;

  constructor() {
    super();
    const gmail = (name: GoogleFakeRoute, method: 'GET' | 'POST', path: RegExp, serve: (request: FakeRequest, mailbox: FakeMailbox) => FakeResponse): FakeRoute => ({
      name,
      method,
      path,
      handle: (request) => this.authorized(request, (account) => {
        const user = decodeURIComponent(request.params[0] ?? '');
        if (user !== 'me' && user !== account) return googleError(403, 'PERMISSION_DENIED', 'forbidden', 'Delegation denied for ' + account);
        return serve(request, this.mailbox(account));
      }),
    });
    const routes: FakeRoute[] = [
      { name: 'oauth.authorize', method: 'GET', path: /^\/o\/oauth2\/v2\/auth$/, handle: (request) => this.authorize(request) },
      { name: 'oauth.token', method: 'POST', path: /^\/token$/, handle: (request) => this.token(request) },
      { name: 'oauth.certs', method: 'GET', path: /^\/oauth2\/v3\/certs$/, handle: () => ({ status: 200, body: this.push.jwks() }) },
      gmail('gmail.profile', 'GET', /^\/gmail\/v1\/users\/([^/]+)\/profile$/, (_request, mailbox) => profile(mailbox)),
      gmail('gmail.sendAs.list', 'GET', /^\/gmail\/v1\/users\/([^/]+)\/settings\/sendAs$/, (_request, mailbox) => sendAsList(mailbox)),
      gmail('gmail.watch', 'POST', /^\/gmail\/v1\/users\/([^/]+)\/watch$/, (request, mailbox) => this.watch(request, mailbox)),
      gmail('gmail.history.list', 'GET', /^\/gmail\/v1\/users\/([^/]+)\/history$/, (request, mailbox) => this.history(request, mailbox)),
      gmail('gmail.attachments.get', 'GET', /^\/gmail\/v1\/users\/([^/]+)\/messages\/([^/]+)\/attachments\/([^/]+)$/, (request, mailbox) => this.attachment(request, mailbox)),
      gmail('gmail.messages.get', 'GET', /^\/gmail\/v1\/users\/([^/]+)\/messages\/([^/]+)$/, (request, mailbox) => this.message(request, mailbox)),
      gmail('gmail.messages.list', 'GET', /^\/gmail\/v1\/users\/([^/]+)\/messages$/, (request, mailbox) => this.listMessages(request, mailbox)),
      {
        name: 'calendar.calendars.get',
        method: 'GET',
        path: /^\/calendar\/v3\/calendars\/([^/]+)$/,
        handle: (request) => this.authorized(request, (account) => {
          const id = decodeURIComponent(request.params[0] ?? '');
          if (id !== 'primary' && id !== account) return NOT_FOUND();
          return { status: 200, body: { kind: 'calendar#calendar', id: account, summary: account, timeZone: 'UTC' } };
        }),
      },
      {
        name: 'calendar.events.list',
        method: 'GET',
        path: /^\/calendar\/v3\/calendars\/([^/]+)\/events$/,
        handle: (request) => this.authorized(request, (account) => {
          const id = decodeURIComponent(request.params[0] ?? '');
          if (id !== 'primary' && id !== account) return NOT_FOUND();
          return this.listEvents(request, this.calendar(account));
        }),
      },
    ];
    this.http = new FakeHttpServer(routes, renderFault, 'application/json; charset=UTF-8');
  }

  /** Root URL for `googleapis` clients (`rootUrl`), with the trailing slash they expect. */
  override get url(): string {
    return `${this.http.url}/`;
  }

  /** Google's consent page (`https://accounts.google.com/o/oauth2/v2/auth`). */
  get authorizeUrl(): string {
    return `${this.http.url}/o/oauth2/v2/auth`;
  }

  get tokenUrl(): string {
    return `${this.http.url}/token`;
  }

  /** Google's OIDC signing keys (`https://www.googleapis.com/oauth2/v3/certs`). */
  get jwksUrl(): string {
    return `${this.http.url}/oauth2/v3/certs`;
  }

  mailbox(account: string): FakeMailbox {
    const mailbox = this.mailboxes.get(account) ?? new FakeMailbox(account);
    this.mailboxes.set(account, mailbox);
    return mailbox;
  }

  calendar(account: string): FakeCalendar {
    const calendar = this.calendars.get(account) ?? new FakeCalendar();
    this.calendars.set(account, calendar);
    return calendar;
  }

  /** An access token of `account`, valid for Google's usual hour. */
  issueAccessToken(account: string): string {
    const token = this.tokens.issueAccessToken(GOOGLE_ACCESS_TOKEN_LIFETIME_SECONDS * 1000);
    this.accountByToken.set(token, account);
    return token;
  }

  /** A refresh token of `account`, as a completed connect flow would have stored. */
  issueRefreshToken(account: string): string {
    const token = this.tokens.issueRefreshToken();
    this.accountByToken.set(token, account);
    return token;
  }

  /** A one-time code, as the consent screen of `account` would hand back. */
  issueAuthorizationCode(account: string, grant: GoogleFakeGrant = { scopes: DEFAULT_SCOPES }): string {
    const code = this.tokens.issueAuthorizationCode();
    this.accountByToken.set(code, account);
    this.grantByToken.set(code, grant);
    return code;
  }

  /**
   * The consent page, approving at once: the account is the one `login_hint` names (a browser's
   * signed-in user), the grant the `scope` asked for. Redirects with `code` and the untouched `state`.
   */
  private authorize(request: FakeRequest): FakeResponse {
    const params = request.url.searchParams;
    const redirectUri = params.get('redirect_uri');
    const account = params.get('login_hint');
    if (params.get('response_type') !== 'code' || !redirectUri || !account || !params.get('client_id')) {
      return { status: 400, body: { error: 'invalid_request', error_description: 'response_type=code, client_id, redirect_uri and login_hint are required' } };
    }
    const target = new URL(redirectUri);
    target.searchParams.set('code', this.issueAuthorizationCode(account, { scopes: (params.get('scope') ?? '').split(' ').filter(Boolean), redirectUri }));
    target.searchParams.set('state', params.get('state') ?? '');
    target.searchParams.set('scope', params.get('scope') ?? '');
    return { status: 302, headers: { location: target.toString() } };
  }

  private token(request: FakeRequest): FakeResponse {
    const form = new URLSearchParams(request.rawBody);
    const grant = form.get('grant_type');
    const invalid = { status: 400, body: { error: 'invalid_grant', error_description: 'Bad Request' } };
    let account: string | undefined;
    let refreshToken: string | undefined;
    let granted: GoogleFakeGrant | undefined;
    if (grant === 'authorization_code') {
      const code = form.get('code') ?? '';
      account = this.accountByToken.get(code);
      granted = this.grantByToken.get(code);
      if (!account || !granted || !this.tokens.consumeAuthorizationCode(code)) return invalid;
      if (granted.redirectUri !== undefined && granted.redirectUri !== form.get('redirect_uri')) {
        return { status: 400, body: { error: 'redirect_uri_mismatch', error_description: 'Bad Request' } };
      }
      refreshToken = this.tokens.issueRefreshToken();
      this.accountByToken.set(refreshToken, account);
      this.grantByToken.set(refreshToken, granted);
    } else if (grant === 'refresh_token') {
      const presented = form.get('refresh_token') ?? '';
      account = this.accountByToken.get(presented);
      granted = this.grantByToken.get(presented);
      if (!account || !this.tokens.isRefreshToken(presented)) return invalid;
    } else {
      return { status: 400, body: { error: 'unsupported_grant_type', error_description: `Invalid grant_type: ${grant ?? ''}` } };
    }
    return {
      status: 200,
      body: {
        access_token: this.issueAccessToken(account),
        expires_in: GOOGLE_ACCESS_TOKEN_LIFETIME_SECONDS,
        scope: (granted?.scopes ?? DEFAULT_SCOPES).join(' '),
        token_type: 'Bearer',
        ...(refreshToken ? { refresh_token: refreshToken } : {}),
      },
    };
  }

  private authorized(request: FakeRequest, serve: (account: string) => FakeResponse): FakeResponse {
    const check = this.tokens.check(request.headers.authorization);
    const token = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
    const account = this.accountByToken.get(token);
    if (!check.ok || !account) {
      return googleError(401, 'UNAUTHENTICATED', 'authError', 'Request had invalid authentication credentials. Expected OAuth 2 access token.');
    }
    return serve(account);
  }

  private watch(request: FakeRequest, mailbox: FakeMailbox): FakeResponse {
    const body = JSON.parse(request.rawBody || '{}') as { topicName?: string; labelIds?: string[] };
    if (!body.topicName) return googleError(400, 'INVALID_ARGUMENT', 'invalidArgument', 'Invalid topicName');
    mailbox.watch = { topicName: body.topicName, labelIds: body.labelIds ?? [] };
    return { status: 200, body: { historyId: String(mailbox.historyId), expiration: String(Date.now() + WATCH_LIFETIME_MS) } };
  }

  /** `users.history.list`: records after startHistoryId; 404 when it is older than what is retained. */
  private history(request: FakeRequest, mailbox: FakeMailbox): FakeResponse {
    const start = Number(request.url.searchParams.get('startHistoryId'));
    if (!Number.isInteger(start) || start <= 0) return googleError(400, 'INVALID_ARGUMENT', 'invalidArgument', 'Invalid startHistoryId');
    if (start < mailbox.historyFloor) return NOT_FOUND();
    const types = request.url.searchParams.getAll('historyTypes');
    const records = mailbox.history.filter((record) => record.id > start && (types.length === 0 || types.includes(record.kind)));
    const { page, nextPageToken } = paged(request, records, 100, 500);
    return {
      status: 200,
      body: {
        history: page.map((record) => ({
          id: String(record.id),
          messages: [{ id: record.messageId, threadId: record.threadId }],
          [`${record.kind === 'messageAdded' ? 'messagesAdded' : 'messagesDeleted'}`]: [
            { message: { id: record.messageId, threadId: record.threadId, labelIds: mailbox.messages.get(record.messageId)?.labelIds ?? [] } },
          ],
        })),
        ...(nextPageToken ? { nextPageToken } : {}),
        historyId: String(mailbox.historyId),
      },
    };
  }

  /**
   * `users.messages.list`, newest first, with the `q` terms `after:`, `before:`, `newer_than:`,
   * `from:`/`to:`/`cc:`/`bcc:` and `{ ... }` groups (any term of a group matches).
   */
  private listMessages(request: FakeRequest, mailbox: FakeMailbox): FakeResponse {
    const matches = searchFilter(request.url.searchParams.get('q') ?? '');
    const messages = [...mailbox.messages.values()].filter(matches).sort((a, b) => b.date.getTime() - a.date.getTime());
    const { page, nextPageToken } = paged(request, messages, 100, 500);
    return {
      status: 200,
      body: {
        ...(page.length ? { messages: page.map((message) => ({ id: message.id, threadId: message.threadId })) } : {}),
        ...(nextPageToken ? { nextPageToken } : {}),
        resultSizeEstimate: messages.length,
      },
    };
  }

  private message(request: FakeRequest, mailbox: FakeMailbox): FakeResponse {
    const message = mailbox.messages.get(decodeURIComponent(request.params[1] ?? ''));
    if (!message) return NOT_FOUND();
    return { status: 200, body: gmailMessageWire(message, request.url.searchParams.get('format') ?? 'full') };
  }

  private attachment(request: FakeRequest, mailbox: FakeMailbox): FakeResponse {
    const message = mailbox.messages.get(decodeURIComponent(request.params[1] ?? ''));
    const index = message?.attachmentIds.indexOf(decodeURIComponent(request.params[2] ?? '')) ?? -1;
    const attachment = index >= 0 ? message?.attachments[index] : undefined;
    if (!attachment) return NOT_FOUND();
    return { status: 200, body: { size: attachment.data.length, data: attachment.data.toString('base64url') } };
  }

  /**
   * `events.list`: a full listing (no syncToken) or the changes since a sync token, cancelled events
   * included. Pages carry `nextPageToken`; only the last one carries `nextSyncToken`. A token from
   * before `invalidateSyncTokens` gets 410 Gone.
   */
  private listEvents(request: FakeRequest, calendar: FakeCalendar): FakeResponse {
    const params = request.url.searchParams;
    const pageToken = params.get('pageToken');
    let cursor: EventsCursor;
    if (pageToken) {
      const decoded = decodeCursor(pageToken);
      if (!decoded) return googleError(400, 'INVALID_ARGUMENT', 'invalid', 'Invalid page token value.');
      cursor = decoded;
    } else if (params.get('syncToken')) {
      const since = decodeSyncToken(params.get('syncToken') ?? '', calendar.epoch);
      if (since === undefined) return googleError(410, 'GONE', 'fullSyncRequired', 'Sync token is no longer valid, a full sync is required.');
      cursor = { since, upTo: calendar.seq, offset: 0 };
    } else {
      cursor = { since: null, upTo: calendar.seq, offset: 0 };
    }
    const timeMin = params.get('timeMin') ? Date.parse(params.get('timeMin') ?? '') : undefined;
    const timeMax = params.get('timeMax') ? Date.parse(params.get('timeMax') ?? '') : undefined;
    const matchesQuery = eventSearch(params.get('q'));
    const showDeleted = params.get('showDeleted') === 'true';
    const events = [...calendar.events.values()]
      .filter((event) => event.seq <= cursor.upTo)
      .filter((event) =>
        cursor.since === null
          ? (showDeleted || event.status !== 'cancelled') &&
            (timeMin === undefined || (event.end ?? event.start).getTime() > timeMin) &&
            (timeMax === undefined || event.start.getTime() < timeMax) &&
            matchesQuery(event)
          : event.seq > cursor.since,
      )
      .sort((a, b) => a.seq - b.seq);
    const limit = Math.min(2_500, Number(params.get('maxResults') ?? 250) || 250);
    const page = events.slice(cursor.offset, cursor.offset + limit);
    const more = cursor.offset + limit < events.length;
    return {
      status: 200,
      body: {
        kind: 'calendar#events',
        summary: 'primary',
        updated: new Date().toISOString(),
        timeZone: 'UTC',
        accessRole: 'reader',
        items: page.map(calendarEventWire),
        ...(more
          ? { nextPageToken: encodeCursor({ ...cursor, offset: cursor.offset + limit }) }
          : { nextSyncToken: Buffer.from(`${calendar.epoch}:${cursor.upTo}`).toString('base64url') }),
      },
    };
  }
}

/** `users.getProfile`: the mailbox's current historyId, where a full sync starts its cursor. */
function profile(mailbox: FakeMailbox): FakeResponse {
  return {
    status: 200,
    body: { emailAddress: mailbox.address, messagesTotal: mailbox.messages.size, threadsTotal: mailbox.messages.size, historyId: String(mailbox.historyId) },
  };
}

/**
 * `users.settings.sendAs.list`: the primary address and the aliases, with Gmail's verification
 * status (an alias counts as the user's only once `accepted`).
 */
function sendAsList(mailbox: FakeMailbox): FakeResponse {
  return {
    status: 200,
    body: {
      sendAs: [
        { sendAsEmail: mailbox.address, displayName: '', replyToAddress: '', signature: '', isPrimary: true, isDefault: true },
        ...mailbox.aliases.map((alias) => ({ sendAsEmail: alias.address, displayName: '', treatAsAlias: true, isDefault: false, verificationStatus: alias.verificationStatus })),
      ],
    },
  };
}

/** `events.list` `q`: free text over summary, description, organizer and attendee addresses (every word must match). */
function eventSearch(q: string | null): (event: FakeCalendarEvent) => boolean {
  const words = (q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return (event) => {
    const text = [event.summary ?? '', event.description ?? '', event.organizer, ...(event.attendees ?? []).map((attendee) => attendee.email)].join(' ').toLowerCase();
    return words.every((word) => text.includes(word));
  };
}

interface EventsCursor {
  /** Null for a full listing, else the change sequence the sync token stood for. */
  since: number | null;
  /** The calendar's sequence when the listing started: later changes wait for the next sync. */
  upTo: number;
  offset: number;
}

function encodeCursor(cursor: EventsCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(token: string): EventsCursor | undefined {
  try {
    const cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as EventsCursor;
    return typeof cursor.upTo === 'number' && typeof cursor.offset === 'number' ? cursor : undefined;
  } catch {
    return undefined;
  }
}

function decodeSyncToken(token: string, epoch: number): number | undefined {
  const [tokenEpoch, seq] = Buffer.from(token, 'base64url').toString('utf8').split(':').map(Number);
  return tokenEpoch === epoch && Number.isInteger(seq) ? seq : undefined;
}

/** Offset paging with an opaque token, as Gmail's list routes page. */
function paged<T>(request: FakeRequest, items: readonly T[], defaultSize: number, maxSize: number): { page: T[]; nextPageToken?: string } {
  const size = Math.min(maxSize, Number(request.url.searchParams.get('maxResults') ?? defaultSize) || defaultSize);
  const offset = Number(Buffer.from(request.url.searchParams.get('pageToken') ?? '', 'base64url').toString('utf8') || 0);
  const page = items.slice(offset, offset + size);
  return offset + size < items.length ? { page, nextPageToken: Buffer.from(String(offset + size)).toString('base64url') } : { page };
}

/** Gmail search terms the sources send; anything else is a test bug, so it fails loudly. */
function searchFilter(q: string): (message: FakeGmailMessage) => boolean {
  const tokens = q.replace(/[{}]/g, (brace) => ` ${brace} `).split(/\s+/).filter(Boolean);
  const checks: Array<(message: FakeGmailMessage) => boolean> = [];
  let group: Array<(message: FakeGmailMessage) => boolean> | undefined;
  for (const token of tokens) {
    if (token === '{') group = [];
    else if (token === '}') {
      const any = group ?? [];
      checks.push((message) => any.some((check) => check(message)));
      group = undefined;
    } else (group ?? checks).push(searchTerm(token));
  }
  return (message) => checks.every((check) => check(message));
}

function searchTerm(term: string): (message: FakeGmailMessage) => boolean {
  const [name, value = ''] = term.split(':');
  const address = value.toLowerCase();
  const has = (values: readonly string[]) => values.some((entry) => entry.toLowerCase().includes(address));
  if (name === 'from') return (message) => has([message.from]);
  if (name === 'to') return (message) => has(message.to);
  if (name === 'cc') return (message) => has(message.cc);
  if (name === 'bcc') return (message) => has(message.bcc);
  const at = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value.replace(/\//g, '-'));
  if (name === 'after') return (message) => message.date.getTime() > at;
  if (name === 'before') return (message) => message.date.getTime() < at;
  if (name === 'newer_than' && /^\d+d$/.test(value)) {
    const from = Date.now() - Number(value.slice(0, -1)) * DAY_MS;
    return (message) => message.date.getTime() > from;
  }
  throw new Error(`fake Gmail search: unsupported term ${term}`);
}

function renderFault(fault: FaultSpec): FakeResponse {
  const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
  if (fault.status === 429) return { ...googleError(429, 'RESOURCE_EXHAUSTED', 'rateLimitExceeded', 'Rate Limit Exceeded'), headers };
  return { ...googleError(fault.status, 'UNAVAILABLE', 'backendError', 'Backend Error'), headers };
}
