import { Logger } from '@nestjs/common';
import type { OpenAPIObject, OperationObject } from '@nestjs/swagger';
import { httpErrorAnswer } from '@sentinel/hardening';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * A route answered straight from Node's request event, before Express sees the request: for a hot
 * route whose callers come in bursts and which does its own share of what Express and Nest do
 * (body reading, errors, metrics, logging). Every other request goes to Express unchanged.
 *
 * Express never sees these requests, so neither do the global guards: an early route is public and
 * authenticates its callers itself (as a webhook does, by signature). The permission catalogue
 * lists it among the public routes, reading `method` and `path`, which must be string literals.
 */
export interface EarlyRoute {
  /** e.g. `POST`; the route answers this method only. */
  readonly method: string;
  /** The exact path it answers (any query string); `/slack/events/x` is left to Express. */
  readonly path: string;
  /** Answers the request; resolves once the response is ended. */
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
  /** The route's operation in the service's OpenAPI document. */
  readonly openApiOperation: OperationObject;
}

const logger = new Logger('EarlyRoutes');

/** Puts `routes` in front of the server's request listener (Express). */
export function serveEarlyRoutes(server: Server, routes: readonly EarlyRoute[]): void {
  if (routes.length === 0) return;
  const listeners = server.listeners('request') as Array<(request: IncomingMessage, response: ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const route = routes.find((candidate) => candidate.method === request.method && candidate.path === pathOf(request.url));
    if (!route) {
      for (const listener of listeners) listener(request, response);
      return;
    }
    route.handle(request, response).catch((error: unknown) => {
      // A route answers its own errors; this is the last guard, never reached in normal operation.
      const { status, body } = httpErrorAnswer(error, logger);
      if (!response.headersSent) response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
      else response.destroy();
    });
  });
}

function pathOf(url: string | undefined): string | undefined {
  const query = url?.indexOf('?') ?? -1;
  return query === -1 ? url : url?.slice(0, query);
}

/** The routes' entries for the OpenAPI document. */
export function earlyRoutePaths(routes: readonly EarlyRoute[]): OpenAPIObject['paths'] {
  const paths: OpenAPIObject['paths'] = {};
  for (const route of routes) paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: route.openApiOperation };
  return paths;
}
