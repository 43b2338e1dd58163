import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProviderErrorCode } from '../errors/provider.error';
import { GoogleTokenClient } from './google-token.client';

interface Answer {
  status: number;
  body: object;
  headers?: Record<string, string>;
}

describe('GoogleTokenClient against a token endpoint speaking Google\'s wire format', () => {
  let server: Server;
  let answer: Answer;
  let received: URLSearchParams;
  let client: GoogleTokenClient;
  const now = new Date('2026-11-22T12:00:00Z');

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received = new URLSearchParams(body);
        response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        response.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new GoogleTokenClient({ clientId: 'client', clientSecret: 'secret' }, 'gmail', `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`);
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('exchanges a code (form-encoded, client credentials in the body) and keeps the granted scopes', async () => {
    answer = { status: 200, body: { access_token: 'at', refresh_token: 'rt', expires_in: 3599, scope: 'https://www.googleapis.com/auth/gmail.readonly', token_type: 'Bearer' } };
    const grant = await client.exchangeCode('code-1', 'https://ingest.test/oauth/gmail/callback', now);
    expect(Object.fromEntries(received)).toEqual({ grant_type: 'authorization_code', code: 'code-1', redirect_uri: 'https://ingest.test/oauth/gmail/callback', client_id: 'client', client_secret: 'secret' });
    expect(grant).toEqual({
      accessToken: 'at',
      refreshToken: 'rt',
      expiresAt: new Date(now.getTime() + 3_599_000),
      issuedAt: now,
      instanceUrl: null,
      scopes: ['https://www.googleapis.com/auth/gmail.readonly'],
    });
  });

  it('refreshes without a new refresh token (Google does not rotate them)', async () => {
    answer = { status: 200, body: { access_token: 'at-2', expires_in: 3599, token_type: 'Bearer' } };
    expect(await client.refresh('rt', now)).toMatchObject({ accessToken: 'at-2', refreshToken: null, expiresAt: new Date(now.getTime() + 3_599_000) });
    expect(received.get('grant_type')).toBe('refresh_token');
    expect(received.get('refresh_token')).toBe('rt');
  });

  it.each([
    ['400 invalid_grant', ProviderErrorCode.AuthLost, { status: 400, body: { error: 'invalid_grant' } }, {}],
    ['401 invalid_client', ProviderErrorCode.AuthLost, { status: 401, body: { error: 'invalid_client' } }, {}],
    ['429 with Retry-After', ProviderErrorCode.RateLimited, { status: 429, body: { error: 'rate_limit_exceeded' }, headers: { 'retry-after': '7' } }, { retryAfterMs: 7_000 }],
    ['503', ProviderErrorCode.Unavailable, { status: 503, body: { error: 'backend_error' } }, {}],
    ['200 without an access token', ProviderErrorCode.BadResponse, { status: 200, body: { token_type: 'Bearer' } }, {}],
  ])('maps %s to %s', async (_label, code, reply: Answer, details) => {
    answer = reply;
    await expect(client.refresh('rt', now)).rejects.toMatchObject({ code, provider: 'gmail', details: expect.objectContaining(details) });
  });

  it('refuses a code exchange that yields no refresh token (no offline access)', async () => {
    answer = { status: 200, body: { access_token: 'at', expires_in: 3599, scope: 'https://www.googleapis.com/auth/gmail.readonly' } };
    await expect(client.exchangeCode('code-2', 'https://ingest.test/cb', now)).rejects.toMatchObject({ code: ProviderErrorCode.BadResponse });
  });

  it('counts an unreachable endpoint as a network failure', async () => {
    const offline = new GoogleTokenClient({ clientId: 'client', clientSecret: 'secret' }, 'calendar', 'http://127.0.0.1:9/token');
    await expect(offline.refresh('rt', now)).rejects.toMatchObject({ code: ProviderErrorCode.Network, provider: 'calendar' });
  });
});
