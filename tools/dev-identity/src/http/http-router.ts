import type { IncomingHttpHeaders } from 'node:http';
import type { CountedEndpoint } from '../dev-identity.types';
import type { FaultScope } from '../fault-injector.service';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON for POST and PUT; `{}` when the body is empty. */
  body: unknown;
}

export interface RouteResponse {
  status: number;
  body?: unknown;
}

export interface Route {
  method: HttpMethod;
  /** Literal segments and `:name` parameters, e.g. `/admin/users/:id/deactivate`. */
  path: string;
  /** Admin routes need the admin key; contract routes are counted and subject to faults. */
  access: 'admin' | 'public';
  counter?: CountedEndpoint;
  faultScope?: FaultScope;
  handle(request: RouteRequest): Promise<RouteResponse> | RouteResponse;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** Enough routing for a dozen fixed paths: exact segment match with named parameters. */
export class HttpRouter {
  private readonly routes: { route: Route; segments: string[] }[];

  constructor(routes: Route[]) {
    this.routes = routes.map((route) => ({ route, segments: route.path.split('/') }));
  }

  match(method: string | undefined, pathname: string): RouteMatch | undefined {
    const segments = pathname.split('/');
    for (const { route, segments: pattern } of this.routes) {
      if (route.method !== method || pattern.length !== segments.length) continue;
      const params = matchSegments(pattern, segments);
      if (params) return { route, params };
    }
    return undefined;
  }
}

function matchSegments(pattern: string[], segments: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [index, expected] of pattern.entries()) {
    const actual = segments[index];
    if (expected.startsWith(':')) {
      const value = safeDecode(actual);
      if (!value) return undefined;
      params[expected.slice(1)] = value;
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return params;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
