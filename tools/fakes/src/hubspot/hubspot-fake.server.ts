import { FakeHttpServer, type FakeRequest, type FakeResponse, type FakeRoute } from '../http/fake-http.server';
import type { FaultSpec } from '../http/fault-injector';
import { ProviderFake } from '../http/provider-fake.base';
import { TokenRegistry } from '../http/token-registry';
import { HubSpotFakeStore, type FakeHubSpotContact } from './hubspot-fake.store';
import { contactWire, dealWire, hubSpotError } from './hubspot-wire.format';

export const HUBSPOT_ACCESS_TOKEN_LIFETIME_SECONDS = 1800;
/** The portal every token of the fake belongs to. */
export const HUBSPOT_FAKE_HUB_ID = 40_000_001;
const MAX_LIST_LIMIT = 100;
const MAX_SEARCH_LIMIT = 200;
const SEARCH_RESULT_LIMIT = 10_000;

export type HubSpotFakeRoute = 'oauth.token' | 'oauth.token-info' | 'contacts.list' | 'contacts.search' | 'deals.list';

interface SearchBody {
  filterGroups?: { filters?: { propertyName?: string; operator?: string; value?: string }[] }[];
  sorts?: (string | { propertyName?: string; direction?: string })[];
  properties?: string[];
  limit?: number;
  after?: string;
}

/**
 * HubSpot's CRM v3 objects API and OAuth token endpoint on node:http, in their wire formats:
 * `GET /crm/v3/objects/{contacts|deals}`, `POST /crm/v3/objects/contacts/search`,
 * `POST /oauth/v1/token`, `GET /oauth/v1/access-tokens/{token}`. Read-only by design: there is no write route to call.
 */
export class HubSpotFake extends ProviderFake<HubSpotFakeRoute> {
  readonly store = new HubSpotFakeStore();
  readonly tokens = new TokenRegistry('hubspot');
  protected override readonly http: FakeHttpServer;

  constructor() {
    super();
    const routes: FakeRoute[] = [
      { name: 'oauth.token', method: 'POST', path: /^\/oauth\/v1\/token$/, handle: (request) => this.token(request) },
      { name: 'oauth.token-info', method: 'GET', path: /^\/oauth\/v1\/access-tokens\/([^/]+)$/, handle: (request) => this.tokenInfo(request) },
      { name: 'contacts.search', method: 'POST', path: /^\/crm\/v3\/objects\/contacts\/search$/, handle: (request) => this.authorized(request, () => this.searchContacts(request)) },
      { name: 'contacts.list', method: 'GET', path: /^\/crm\/v3\/objects\/contacts$/, handle: (request) => this.authorized(request, () => this.listContacts(request)) },
      { name: 'deals.list', method: 'GET', path: /^\/crm\/v3\/objects\/deals$/, handle: (request) => this.authorized(request, () => this.listDeals(request)) },
    ];
    this.http = new FakeHttpServer(routes, renderFault, 'application/json;charset=utf-8');
  }


  /** An access token the API accepts for the usual 30 minutes. */
  issueAccessToken(): string {
    return this.tokens.issueAccessToken(HUBSPOT_ACCESS_TOKEN_LIFETIME_SECONDS * 1000);
  }

  private token(request: FakeRequest): FakeResponse {
    const form = new URLSearchParams(request.rawBody);
    const grant = form.get('grant_type');
    if (grant === 'authorization_code') {
      if (!this.tokens.consumeAuthorizationCode(form.get('code') ?? '')) {
        return { status: 400, body: { status: 'BAD_AUTH_CODE', message: 'auth code not found', correlationId: crypto.randomUUID() } };
      }
    } else if (grant === 'refresh_token') {
      if (!this.tokens.isRefreshToken(form.get('refresh_token') ?? '')) {
        return { status: 400, body: { status: 'BAD_REFRESH_TOKEN', message: 'missing or invalid refresh token', correlationId: crypto.randomUUID() } };
      }
    } else {
      return { status: 400, body: { status: 'BAD_GRANT_TYPE', message: 'unsupported grant_type', correlationId: crypto.randomUUID() } };
    }
    const refreshToken = grant === 'refresh_token' ? (form.get('refresh_token') as string) : this.tokens.issueRefreshToken();
    return {
      status: 200,
      body: { token_type: 'bearer', refresh_token: refreshToken, access_token: this.issueAccessToken(), expires_in: HUBSPOT_ACCESS_TOKEN_LIFETIME_SECONDS },
    };
  }

  /** Token metadata; the connect flow reads `hub_id` from it. */
  private tokenInfo(request: FakeRequest): FakeResponse {
    const token = decodeURIComponent(request.params[0] ?? '');
    if (!this.tokens.check(`Bearer ${token}`).ok) return hubSpotError(404, 'NOT_FOUND', 'Token not found');
    return {
      status: 200,
      body: {
        token,
        user: 'owner@fake-portal.example',
        hub_domain: 'fake-portal.example',
        scopes: ['crm.objects.contacts.read', 'crm.objects.deals.read', 'oauth'],
        hub_id: HUBSPOT_FAKE_HUB_ID,
        app_id: 1,
        expires_in: HUBSPOT_ACCESS_TOKEN_LIFETIME_SECONDS,
        user_id: 1,
        token_type: 'access',
      },
    };
  }

  private authorized(request: FakeRequest, serve: () => FakeResponse): FakeResponse {
    const check = this.tokens.check(request.headers.authorization);
    if (check.ok) return serve();
    if (check.reason === 'expired') {
      const minutes = Math.max(1, Math.round((Date.now() - (check.expiredAt?.getTime() ?? Date.now())) / 60_000));
      return hubSpotError(401, 'EXPIRED_AUTHENTICATION', `The OAuth token used to make this call expired ${minutes} minute(s) ago.`);
    }
    return hubSpotError(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication.');
  }

  private listContacts(request: FakeRequest): FakeResponse {
    const archived = request.url.searchParams.get('archived') === 'true';
    const after = Number(request.url.searchParams.get('after') ?? 0);
    const contacts = filtered(this.store.contactsFrom(after), (contact) => (contact.archivedAt !== null) === archived);
    const properties = requestedProperties(request);
    return this.listPage(request, 'contacts', contacts, (contact) => contactWire(contact, properties));
  }

  private listDeals(request: FakeRequest): FakeResponse {
    const archived = request.url.searchParams.get('archived') === 'true';
    const deals = filtered(this.store.deals.values(), (deal) => (deal.archivedAt !== null) === archived);
    const properties = requestedProperties(request);
    const withContacts = request.url.searchParams.getAll('associations').flatMap((value) => value.split(',')).includes('contacts');
    return this.listPage(request, 'deals', deals, (deal) => dealWire(deal, properties, withContacts));
  }

  /** Id-ordered paging over `all` (already in id order); `after` is the id of the first object of the next page. */
  private listPage<T extends { id: string }>(request: FakeRequest, object: string, all: Iterable<T>, render: (item: T) => unknown): FakeResponse {
    const limit = Math.min(MAX_LIST_LIMIT, Number(request.url.searchParams.get('limit') ?? 10) || 10);
    const after = Number(request.url.searchParams.get('after') ?? 0);
    const window: T[] = [];
    for (const item of all) {
      if (Number(item.id) < after) continue;
      window.push(item);
      if (window.length > limit) break;
    }
    const page = window.slice(0, limit);
    const next = window[limit];
    return {
      status: 200,
      body: {
        results: page.map(render),
        ...(next ? { paging: { next: { after: next.id, link: `${this.url}/crm/v3/objects/${object}?after=${next.id}` } } } : {}),
      },
    };
  }

  private searchContacts(request: FakeRequest): FakeResponse {
    const body = JSON.parse(request.rawBody || '{}') as SearchBody;
    const limit = Math.min(MAX_SEARCH_LIMIT, body.limit ?? 10);
    const offset = Number(body.after ?? 0);
    if (offset + limit > SEARCH_RESULT_LIMIT) {
      return hubSpotError(400, 'VALIDATION_ERROR', `There was a problem with the request. Paging beyond ${SEARCH_RESULT_LIMIT} results is not supported.`);
    }
    const matches = [...this.store.contacts.values()]
      .filter((contact) => contact.archivedAt === null && matchesFilters(contact, body))
      .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime() || Number(a.id) - Number(b.id));
    const page = matches.slice(offset, offset + limit);
    const nextOffset = offset + limit < matches.length ? String(offset + limit) : undefined;
    return {
      status: 200,
      body: {
        total: matches.length,
        results: page.map((contact) => contactWire(contact, body.properties ?? [])),
        ...(nextOffset ? { paging: { next: { after: nextOffset } } } : {}),
      },
    };
  }
}

function* filtered<T>(items: Iterable<T>, keep: (item: T) => boolean): Generator<T> {
  for (const item of items) if (keep(item)) yield item;
}

function requestedProperties(request: FakeRequest): string[] {
  return request.url.searchParams.getAll('properties').flatMap((value) => value.split(',')).filter(Boolean);
}

/** Supports the filters crm-sync sends: lastmodifieddate GT/GTE/LT/LTE with an epoch-ms or ISO value. */
function matchesFilters(contact: FakeHubSpotContact, body: SearchBody): boolean {
  const groups = body.filterGroups ?? [];
  if (groups.length === 0) return true;
  return groups.some((group) =>
    (group.filters ?? []).every((filter) => {
      if (filter.propertyName !== 'lastmodifieddate') throw new Error(`fake search: unsupported property ${filter.propertyName}`);
      const value = /^\d+$/.test(filter.value ?? '') ? Number(filter.value) : Date.parse(filter.value ?? '');
      const at = contact.updatedAt.getTime();
      switch (filter.operator) {
        case 'GT': return at > value;
        case 'GTE': return at >= value;
        case 'LT': return at < value;
        case 'LTE': return at <= value;
        default: throw new Error(`fake search: unsupported operator ${filter.operator}`);
      }
    }),
  );
}

function renderFault(fault: FaultSpec): FakeResponse {
  const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
  if (fault.status === 429) {
    return { ...hubSpotError(429, 'RATE_LIMITS', 'You have reached your secondly limit.', { errorType: 'RATE_LIMIT', policyName: 'SECONDLY' }), headers };
  }
  return { ...hubSpotError(fault.status, 'INTERNAL_ERROR', 'internal error'), headers };
}
