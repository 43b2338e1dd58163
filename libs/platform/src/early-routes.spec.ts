import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type EarlyRoute, serveEarlyRoutes } from './early-routes';

/** An early route for POST /hot that answers 202, or fails when the request asks it to. */
function hotRoute(calls: string[]): EarlyRoute {
  return {
    method: 'POST',
    path: '/hot',
    handle: async (request, response) => {
      calls.push(`early ${request.url}`);
      if (request.headers['x-fail'] === 'yes') throw new Error('handler bug');
      response.writeHead(202).end('early');
    },
    openApiOperation: { responses: {} },
  };
}

describe('serveEarlyRoutes', () => {
  let server: Server;
  let base: string;
  const calls: string[] = [];

  beforeAll(async () => {
    // The listener Express would be: it answers whatever the early routes leave to it.
    server = createServer((request: IncomingMessage, response: ServerResponse) => {
      calls.push(`router ${request.method} ${request.url}`);
      response.writeHead(200).end('router');
    });
    serveEarlyRoutes(server, [hotRoute(calls)]);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => calls.splice(0));

  it('answers the requests a route serves without passing them on', async () => {
    const response = await fetch(`${base}/hot`, { method: 'POST', body: '{}' });
    expect([response.status, await response.text()]).toEqual([202, 'early']);
    expect(calls).toEqual(['early /hot']);
  });

  it('serves its exact path with any query string', async () => {
    expect((await fetch(`${base}/hot?source=test`, { method: 'POST', body: '{}' })).status).toBe(202);
    expect(calls).toEqual(['early /hot?source=test']);
  });

  it('passes every other request to the original listener, once', async () => {
    expect((await fetch(`${base}/hot`)).status).toBe(200);
    expect((await fetch(`${base}/hot/more`, { method: 'POST', body: '{}' })).status).toBe(200);
    expect((await fetch(`${base}/other`, { method: 'POST', body: '{}' })).status).toBe(200);
    expect(calls).toEqual(['router GET /hot', 'router POST /hot/more', 'router POST /other']);
  });

  it('answers a generic 500 (no internals) when a route fails without answering', async () => {
    const response = await fetch(`${base}/hot`, { method: 'POST', headers: { 'x-fail': 'yes' }, body: '{}' });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'internal_error', message: 'Internal server error.' });
  });
});
