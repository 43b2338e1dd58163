import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { levels as pinoLevels } from 'pino';
import type { Options } from 'pino-http';
import { serviceLogDestination } from './log-destination';
import { requestIdFor } from './request-id';

/**
 * Request logs carry method, route template, status, duration and the request id. Never the raw
 * path (a caller may put an address where an id goes), the query string (filters may name a
 * person), headers, cookies or bodies: the logs are PII-blind by construction rather than by
 * redaction after the fact.
 */
export function loggerParams(service: string, level: string): Params {
  const options: Options = {
    level,
    base: { service },
    messageKey: 'msg',
    genReqId: (request: IncomingMessage, response: ServerResponse) => {
      const id = requestIdFor(request);
      response.setHeader('x-request-id', id);
      return id;
    },
    // The route is known only once routing ran, so it is added to the completion line, not to the
    // request bindings (serialized when the request arrives).
    customSuccessObject: (request, _response, value: object) => ({ ...value, route: routeTemplate(request) }),
    customErrorObject: (request, _response, _error, value: object) => ({ ...value, route: routeTemplate(request) }),
    serializers: {
      // The request id (ours or the caller's x-request-id, see request-id.ts) ties log lines to a response.
      req: (request: { id?: unknown; method?: string }) => ({ id: request.id, method: request.method }),
      res: (response: { statusCode?: number }) => ({ status: response.statusCode }),
      err: (error: Error) => ({ type: error.name, message: error.message }),
    },
    // The completion line is written at info: a logger set above info (LOG_LEVEL=warn, as in the load
    // run) would drop it anyway, so its per-request listeners and line building are skipped too.
    autoLogging: writesInfo(level)
      ? { ignore: (request: IncomingMessage) => /^\/(health|metrics)/.test(request.url ?? '') }
      : false,
    redact: { paths: ['req.headers', 'res.headers'], remove: true },
  };
  const destination = serviceLogDestination();
  // Without a redirect pino writes to stdout itself (its fast synchronous destination).
  return { pinoHttp: destination ? [options, destination] : options };
}

/** Whether a logger at `level` writes info lines (`silent` has no numeric value: it writes nothing). */
function writesInfo(level: string): boolean {
  const value = pinoLevels.values[level];
  return value !== undefined && value <= pinoLevels.values.info;
}

/** Express's matched route (`/messages/:id`), as the HTTP metrics label it; `unmatched` for a 404. */
function routeTemplate(request: IncomingMessage): string {
  return (request as IncomingMessage & { route?: { path?: string } }).route?.path ?? 'unmatched';
}
