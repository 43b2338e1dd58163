import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { CallCounter } from '../call-counter.service';
import { DevIdentityError } from '../dev-identity.error';
import type { FaultInjector } from '../fault-injector.service';
import type { AdminKeyGuard } from './admin-key.guard';
import { ERROR_STATUS } from './error-status';
import type { HttpRouter, RouteMatch, RouteResponse } from './http-router';
import { readJsonBody } from './json-body';

export interface RequestListenerDeps {
  router: HttpRouter;
  adminGuard: AdminKeyGuard;
  counter: CallCounter;
  faults: FaultInjector;
  logger: Logger;
}

/**
 * The request pipeline: route, count, authorise admin calls, apply faults, parse, handle, answer.
 * Logs the route pattern and status only: never a header, a query or a body (tokens live there).
 */
export function createRequestListener(deps: RequestListenerDeps): RequestListener {
  return (request, response) => {
    const started = performance.now();
    const url = new URL(request.url ?? '/', 'http://dev-identity');
    const match = deps.router.match(request.method, url.pathname);
    const routeName = match ? `${match.route.method} ${match.route.path}` : 'unmatched';
    void answer(deps, match, request, url).then(
      (result) => {
        send(response, result);
        deps.logger.info({ route: routeName, status: result.status, ms: Math.round(performance.now() - started) }, 'request');
      },
      (error: unknown) => {
        // The server is closing and this call was parked by a fault: drop it, nobody is waiting.
        if (deps.faults.closed) return void response.destroy();
        const result = toErrorResponse(error, deps.logger, routeName);
        send(response, result);
        deps.logger.info({ route: routeName, status: result.status }, 'request');
      },
    );
  };
}

async function answer(
  deps: RequestListenerDeps,
  match: RouteMatch | undefined,
  request: IncomingMessage,
  url: URL,
): Promise<RouteResponse> {
  if (!match) return { status: 404, body: { error: 'not_found' } };
  const { route, params } = match;
  if (route.counter) deps.counter.count(route.counter);
  if (route.access === 'admin') deps.adminGuard.assert(request.headers);
  if (route.faultScope) await deps.faults.gate(route.faultScope);
  const body = route.method === 'POST' || route.method === 'PUT' ? await readJsonBody(request) : {};
  return route.handle({ params, query: url.searchParams, headers: request.headers, body });
}

function toErrorResponse(error: unknown, logger: Logger, routeName: string): RouteResponse {
  if (error instanceof DevIdentityError) {
    const body = error.details.length > 0 ? { error: error.code, details: error.details } : { error: error.code };
    return { status: ERROR_STATUS[error.code], body };
  }
  logger.error({ route: routeName, reason: error instanceof Error ? error.message : String(error) }, 'unhandled error');
  return { status: 500, body: { error: 'internal' } };
}

function send(response: ServerResponse, { status, body }: RouteResponse): void {
  if (response.destroyed) return;
  if (body === undefined) {
    response.writeHead(status).end();
    return;
  }
  const json = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  response.end(json);
}
