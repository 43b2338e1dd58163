import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
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
    customAttributeKeys: { reqId: 'request_id' },
    // The route is known only once routing ran, so it is added to the completion line, not to the
    // request bindings (serialized when the request arrives).
    customSuccessObject: (request, _response, value: object) => ({ ...value, route: routeTemplate(request) }),
    customErrorObject: (request, _response, _error, value: object) => ({ ...value, route: routeTemplate(request) }),
    serializers: {
      req: (request: { method?: string }) => ({ method: request.method }),
      res: (response: { statusCode?: number }) => ({ status: response.statusCode }),
      err: (error: Error) => ({ type: error.name, message: error.message }),
    },
    autoLogging: {
      ignore: (request: IncomingMessage) => /^\/(health|metrics)/.test(request.url ?? ''),
    },
    redact: { paths: ['req.headers', 'res.headers'], remove: true },
  };
  const destination = serviceLogDestination();
  // Without a redirect pino writes to stdout itself (its fast synchronous destination).
  return { pinoHttp: destination ? [options, destination] : options };
}

/** Express's matched route (`/messages/:id`), as the HTTP metrics label it; `unmatched` for a 404. */
function routeTemplate(request: IncomingMessage): string {
  return (request as IncomingMessage & { route?: { path?: string } }).route?.path ?? 'unmatched';
}
