import { randomBytes } from 'node:crypto';
import { FakeHttpServer, type FakeRequest, type FakeResponse, type FakeRoute } from '../http/fake-http.server';
import type { FaultSpec } from '../http/fault-injector';
import { ProviderFake } from '../http/provider-fake.base';
import { TokenRegistry } from '../http/token-registry';
import { SalesforceFakeStore } from './salesforce-fake.store';
import { SalesforceWireRenderer, type WireRecord } from './salesforce-wire.format';
import { parseSoql, SoqlParseError, type SoqlQuery } from './soql-query.parser';

export type SalesforceFakeRoute = 'oauth.token' | 'query' | 'queryAll' | 'queryMore';

const API_VERSION = '59.0';
const DEFAULT_BATCH_SIZE = 2000;
const ORG_ID = '00D000000000001EAA';
const USER_ID = '005000000000001AAA';

interface QueryCursor {
  records: WireRecord[];
  totalSize: number;
}

const sfError = (status: number, errorCode: string, message: string): FakeResponse => ({ status, body: [{ message, errorCode }] });

/**
 * Salesforce's REST query API and OAuth token endpoint on node:http, in their wire formats:
 * `GET /services/data/vXX.X/query|queryAll?q=`, `GET nextRecordsUrl` (queryMore), and
 * `POST /services/oauth2/token` whose answer carries no `expires_in`.
 */
export class SalesforceFake extends ProviderFake<SalesforceFakeRoute> {
  readonly store = new SalesforceFakeStore();
  readonly tokens = new TokenRegistry('salesforce');
  protected override readonly http: FakeHttpServer;
  private readonly renderer = new SalesforceWireRenderer(this.store, API_VERSION);
  private readonly cursors = new Map<string, QueryCursor>();
  /** Parsed query/queryAll requests per sObject (queryMore pages not included). */
  private readonly objectQueries = new Map<string, number>();
  /**
   * Refresh-token rotation (an org setting): a refresh grant then answers with a new refresh token
   * and the one presented stops working.
   */
  rotateRefreshTokens = false;

  constructor() {
    super();
    const version = /^\/services\/data\/v(\d+\.\d)/.source;
    const routes: FakeRoute[] = [
      { name: 'oauth.token', method: 'POST', path: /^\/services\/oauth2\/token$/, handle: (request) => this.token(request) },
      { name: 'queryMore', method: 'GET', path: new RegExp(`${version}\\/query\\/([A-Za-z0-9]+)-(\\d+)$`), handle: (request) => this.authorized(request, () => this.queryMore(request)) },
      { name: 'query', method: 'GET', path: new RegExp(`${version}\\/query\\/?$`), handle: (request) => this.authorized(request, () => this.query(request, false)) },
      { name: 'queryAll', method: 'GET', path: new RegExp(`${version}\\/queryAll\\/?$`), handle: (request) => this.authorized(request, () => this.query(request, true)) },
    ];
    this.http = new FakeHttpServer(routes, renderFault, 'application/json;charset=UTF-8');
  }


  /** How many query/queryAll requests asked for this sObject (`Lead`, `Contact`, ...). */
  queryCount(object: string): number {
    return this.objectQueries.get(object) ?? 0;
  }

  /** A session id valid until the test expires it (Salesforce never says when it will). */
  issueAccessToken(): string {
    return this.tokens.issueAccessToken(null);
  }

  private token(request: FakeRequest): FakeResponse {
    const form = new URLSearchParams(request.rawBody);
    const grant = form.get('grant_type');
    const valid =
      grant === 'authorization_code' ? this.tokens.consumeAuthorizationCode(form.get('code') ?? '')
        : grant === 'refresh_token' ? this.tokens.isRefreshToken(form.get('refresh_token') ?? '')
          : false;
    if (!valid) return { status: 400, body: { error: 'invalid_grant', error_description: 'expired access/refresh token' } };
    const issuedAt = String(Date.now());
    const accessToken = this.issueAccessToken();
    const rotate = grant === 'refresh_token' && this.rotateRefreshTokens;
    if (rotate) this.tokens.revokeRefreshToken(form.get('refresh_token') ?? '');
    return {
      status: 200,
      body: {
        access_token: accessToken,
        // A refresh grant returns a new refresh token only when the org rotates them.
        ...(grant === 'authorization_code' || rotate ? { refresh_token: this.tokens.issueRefreshToken() } : {}),
        signature: randomBytes(32).toString('base64'),
        scope: 'api refresh_token',
        instance_url: this.url,
        id: `${this.url}/id/${ORG_ID}/${USER_ID}`,
        token_type: 'Bearer',
        issued_at: issuedAt,
      },
    };
  }

  private authorized(request: FakeRequest, serve: () => FakeResponse): FakeResponse {
    return this.tokens.check(request.headers.authorization).ok ? serve() : sfError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
  }

  private query(request: FakeRequest, includeDeleted: boolean): FakeResponse {
    let query: SoqlQuery;
    try {
      query = parseSoql(request.url.searchParams.get('q') ?? '');
    } catch (error) {
      if (error instanceof SoqlParseError) return sfError(400, 'MALFORMED_QUERY', error.message);
      throw error;
    }
    this.objectQueries.set(query.object, this.queryCount(query.object) + 1);
    const records = this.select(query, includeDeleted);
    const locator = `01g${randomBytes(8).toString('hex').toUpperCase().slice(0, 15)}`;
    this.cursors.set(locator, { records, totalSize: records.length });
    return this.pageFrom(locator, 0, batchSize(request));
  }

  private queryMore(request: FakeRequest): FakeResponse {
    const [, locator, offset] = request.params;
    return this.pageFrom(locator, Number(offset), batchSize(request));
  }

  private pageFrom(locator: string, offset: number, size: number): FakeResponse {
    const cursor = this.cursors.get(locator);
    if (!cursor) return sfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    const records = cursor.records.slice(offset, offset + size);
    const done = offset + size >= cursor.records.length;
    if (done) this.cursors.delete(locator);
    return {
      status: 200,
      body: {
        totalSize: cursor.totalSize,
        done,
        ...(done ? {} : { nextRecordsUrl: `/services/data/v${API_VERSION}/query/${locator}-${offset + size}` }),
        records,
      },
    };
  }

  private select(query: SoqlQuery, includeDeleted: boolean): WireRecord[] {
    const passes = (row: { IsDeleted: boolean; LastModifiedDate: Date }) => {
      if (row.IsDeleted && !includeDeleted) return false;
      return query.where.every((condition) => {
        const value = (row as unknown as Record<string, unknown>)[condition.field];
        if (condition.operator === '=') {
          if (typeof value !== 'boolean') throw new SoqlParseError(`unsupported filter on ${condition.field}`);
          return value === condition.value;
        }
        if (condition.field !== 'LastModifiedDate') throw new SoqlParseError(`unsupported filter on ${condition.field}`);
        const at = row.LastModifiedDate.getTime();
        const bound = condition.value.getTime();
        return condition.operator === '>' ? at > bound : condition.operator === '>=' ? at >= bound : condition.operator === '<' ? at < bound : at <= bound;
      });
    };
    const order = <T extends { Id: string; LastModifiedDate: Date }>(rows: T[]) => {
      if (query.orderBy?.field === 'LastModifiedDate') rows.sort((a, b) => a.LastModifiedDate.getTime() - b.LastModifiedDate.getTime());
      if (query.orderBy?.descending) rows.reverse();
      return rows;
    };
    if (query.object === 'Contact') {
      return order([...this.store.contacts.values()].filter(passes)).map((row) => this.renderer.contact(row, query.fields));
    }
    if (query.object === 'Lead') {
      return order([...this.store.leads.values()].filter(passes)).map((row) => this.renderer.lead(row, query.fields));
    }
    if (query.object === 'Opportunity') {
      return order([...this.store.opportunities.values()].filter(passes)).map((row) => this.renderer.opportunity(row, query.fields));
    }
    throw new SoqlParseError(`sObject type '${query.object}' is not supported.`);
  }
}

/** Sforce-Query-Options: batchSize=N (200-2000; Salesforce treats it as a hint). */
function batchSize(request: FakeRequest): number {
  const header = request.headers['sforce-query-options'];
  const requested = Number(/batchSize=(\d+)/i.exec(Array.isArray(header) ? header.join(',') : header ?? '')?.[1] ?? DEFAULT_BATCH_SIZE);
  return Math.min(2000, Math.max(200, requested));
}

function renderFault(fault: FaultSpec): FakeResponse {
  const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
  if (fault.status === 429) return { ...sfError(429, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'), headers };
  if (fault.status === 503) return { ...sfError(503, 'SERVER_UNAVAILABLE', 'Server temporarily unavailable'), headers };
  return { ...sfError(fault.status, 'UNKNOWN_EXCEPTION', 'An unexpected error occurred. Please include this ErrorId if you contact support.'), headers };
}
