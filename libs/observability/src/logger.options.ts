import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { requestIdFor } from './request-id';

/**
 * Request logs carry method, route path, status, duration and the request id. Never the query
 * string (filters may name a person), headers, cookies or bodies: the logs are PII-blind by
 * construction rather than by redaction after the fact.
 */
export function loggerParams(service: string, level: string): Params {
  return {
    pinoHttp: {
      level,
      base: { service },
      messageKey: 'msg',
      genReqId: (request: IncomingMessage, response: ServerResponse) => {
        const id = requestIdFor(request);
        response.setHeader('x-request-id', id);
        return id;
      },
      customAttributeKeys: { reqId: 'request_id' },
      serializers: {
        req: (request: { method?: string; url?: string }) => ({
          method: request.method,
          path: (request.url ?? '').split('?')[0],
        }),
        res: (response: { statusCode?: number }) => ({ status: response.statusCode }),
        err: (error: Error) => ({ type: error.name, message: error.message }),
      },
      autoLogging: {
        ignore: (request: IncomingMessage) => /^\/(health|metrics)/.test(request.url ?? ''),
      },
      redact: { paths: ['req.headers', 'res.headers'], remove: true },
    },
  };
}
